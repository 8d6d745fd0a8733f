#!/usr/bin/python3
# check-wire.py — every exchange with an agency in the test suite, against docs/agency-api.yaml
#
# usage: check-wire.py [--records DIR] API.yaml PROGRAM...
#
# Runs the test programs that start the agency simulator (tests/net, tests/agency-sim) with
# LOKET_SIM_RECORD_DIR set, so every simulator they start writes each exchange to a record
# (tests/agency-sim/README.md, "The record file"). Then every request body Loket sent (its
# User-Agent is loket/VERSION; the simulator's own tests send broken bodies on purpose) and
# every answer the simulator gave is validated against the schema of its operation and
# status, with Debian's python3-jsonschema (Draft 2020-12). Last, altered bodies (a member
# missing, a wrong type, a malformed code, an unknown member) must be rejected: the schemas
# are strict enough to catch them. Output is TAP.
#
# SPDX-License-Identifier: GPL-3.0-or-later

import concurrent.futures
import copy
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

import jsonschema
import yaml
from jsonschema import Draft202012Validator, RefResolver

CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

# Answers the simulator breaks on purpose (tests/agency-sim/README.md, "Faults"): the
# schema of their status must reject them, as Loket does.
BROKEN_ON_PURPOSE = {"not-json", "deep"}


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def check(self, ok, name, details=()):
        self.n += 1
        print(f"{'ok' if ok else 'not ok'} {self.n} - {name}", flush=True)
        if not ok:
            self.failed += 1
            for line in list(details)[:40]:
                print(f"# {line}")
        return ok

    def diag(self, text):
        for line in text.splitlines():
            print(f"# {line}")


class Api:
    """The OpenAPI document, its schemas resolved against it."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            self.doc = yaml.safe_load(f)
        self.resolver = RefResolver(base_uri="", referrer=self.doc)
        self.operations = {}
        for path_name, item in self.doc["paths"].items():
            for method, op in item.items():
                if method in ("get", "post"):
                    self.operations[op["operationId"]] = op

    def resolve(self, node):
        while isinstance(node, dict) and "$ref" in node:
            node = self.resolver.resolve(node["$ref"])[1]
        return node

    def validator(self, schema):
        return Draft202012Validator(schema, resolver=RefResolver(base_uri="", referrer=self.doc))

    def errors(self, schema, instance, whole="(body)"):
        return [f"{'/'.join(str(p) for p in e.absolute_path) or whole}: {e.message}"
                for e in self.validator(schema).iter_errors(instance)]

    def component(self, name):
        return {"$ref": f"#/components/schemas/{name}"}

    def response(self, operation, status):
        responses = self.operations[operation]["responses"]
        for key in (str(status), f"{status // 100}XX", "default"):
            if key in responses:
                return key, self.resolve(responses[key])
        return None, None

    def parameters(self, operation):
        return [self.resolve(p) for p in self.operations[operation].get("parameters", [])]


def check_document(tap, api):
    problems = []
    if not str(api.doc.get("openapi", "")).startswith("3.1."):
        problems.append("openapi is not 3.1.x")
    for name, schema in api.doc["components"]["schemas"].items():
        try:
            Draft202012Validator.check_schema(schema)
        except jsonschema.exceptions.SchemaError as e:
            problems.append(f"components/schemas/{name}: {e.message}")

    def walk(node, where):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "$ref":
                    try:
                        api.resolver.resolve(value)
                    except jsonschema.exceptions.RefResolutionError:
                        problems.append(f"{where}: $ref {value} does not resolve")
                else:
                    walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for i, value in enumerate(node):
                walk(value, f"{where}/{i}")

    walk(api.doc, "")
    for op_id, op in api.operations.items():
        if "responses" not in op or "default" not in op["responses"]:
            problems.append(f"{op_id}: every status must be said, at least by 'default'")
    tap.check(not problems, "docs/agency-api.yaml is OpenAPI 3.1, its schemas valid JSON "
              "Schema 2020-12, every $ref resolves", problems)


def run_programs(tap, programs, record_dir):
    env = dict(os.environ)
    env["LOKET_SIM_RECORD_DIR"] = record_dir

    def run(program):
        result = subprocess.run([program], env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, text=True, errors="replace",
                                timeout=600)
        return program, result

    # Two at a time: the suite's own tests may run beside this one.
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        for program, result in pool.map(run, programs):
            name = os.path.basename(program)
            tap.check(result.returncode == 0, f"{name} ran with the simulator recording",
                      [f"exit status {result.returncode}"] + result.stdout.splitlines()[-30:])


def read_records(record_dir):
    records = []
    for path in sorted(glob.glob(os.path.join(record_dir, "*.jsonl"))):
        with open(path, encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                record = json.loads(line)
                record["_where"] = f"{os.path.basename(path)}:{number}"
                records.append(record)
    return records


def operation_of(record):
    path = record["path"]
    if path.startswith("/_oauth/"):
        return "requestToken"
    if path.endswith("/submissions"):
        return {"POST": "submitPart", "GET": "trackParts"}.get(record["method"])
    if path.endswith("/health"):
        return "health" if record["method"] == "GET" else None
    return None


def tracking_code_ok(code):
    """The check symbol: the 60-bit value modulo 37 (docs/agency-protocol.md)."""
    if not isinstance(code, str) or not re.fullmatch(r"[0-9A-HJKMNP-TV-Z]{13}", code):
        return False
    value = 0
    for symbol in code[:12]:
        value = value * 32 + CROCKFORD.index(symbol)
    return value % 37 < 32 and CROCKFORD[value % 37] == code[12]


def query_of(record):
    return dict(p.split("=", 1) for p in (record.get("query") or "").split("&") if "=" in p)


def check_request(api, record, operation):
    """What Loket sent: the body and the headers of its operation."""
    problems = []
    headers = record["headers"]
    body = record["body"]
    xroad = record["path"].startswith("/r1/")

    for parameter in api.parameters(operation):
        name = parameter["name"]
        if parameter["in"] == "query":
            value = query_of(record).get(name)
        elif parameter["in"] == "header":
            value = headers.get(name)
            if name.startswith("X-Road-") and xroad and value is None:
                problems.append(f"header {name}: missing on an X-Road request")
            if name.startswith("X-Road-") and not xroad and value is not None:
                problems.append(f"header {name}: sent outside X-Road")
        else:
            continue
        if value is None:
            if parameter.get("required"):
                problems.append(f"{parameter['in']} {name}: missing")
            continue
        problems += [f"{parameter['in']} {name}: {e}"
                     for e in api.errors(parameter["schema"], value, "value")]

    if operation == "trackParts":
        code = query_of(record).get("tracking_code")
        if not tracking_code_ok(code):
            problems.append(f"tracking_code {code!r}: wrong check symbol")

    if operation == "submitPart":
        if headers.get("Content-Type") != "application/json":
            problems.append(f"Content-Type {headers.get('Content-Type')!r}")
        schema = api.operations[operation]["requestBody"]["content"]["application/json"]["schema"]
        problems += api.errors(schema, body)
        if isinstance(body, dict) and not problems:
            if headers.get("Idempotency-Key") != f'"{body["part_id"]}"':
                problems.append("Idempotency-Key is not the quoted part_id")
            if "Accept-Language" in headers and headers["Accept-Language"] != body["language"]:
                problems.append("Accept-Language is not the part's language")
            if xroad and (headers.get("X-Road-Id") != body["part_id"]
                          or headers.get("X-Road-Issue") != body["tracking_code"]):
                problems.append("X-Road-Id/X-Road-Issue are not the part id and tracking code")
            if not tracking_code_ok(body["tracking_code"]):
                problems.append("tracking_code: wrong check symbol")
            unlisted = set(body["data"]) - set(body["consent"]["fields"])
            if unlisted:
                problems.append(f"data members not in consent.fields: {sorted(unlisted)}")
    return problems


def check_answer(api, record, operation):
    """What the simulator answered. Returns (problems, the response key used)."""
    answer = record["answer"]
    status = record["status"]
    key, response = api.response(operation, status)
    if response is None:
        return [f"status {status}: not in the description"], None
    problems = []
    headers = answer["headers"]
    body = answer["body"]
    for name, spec in (response.get("headers") or {}).items():
        if name in headers:
            spec = api.resolve(spec)
            problems += [f"header {name}: {e}"
                         for e in api.errors(spec["schema"], headers[name], "value")]
    for name in ("Retry-After", "X-Road-Error"):
        if name in headers and name not in (response.get("headers") or {}) and key != "default":
            problems.append(f"header {name} on a {status}, which does not have it")

    content = (response.get("content") or {}).get("application/json")
    if content is None:
        return problems, key
    if body is None:
        if 200 <= status <= 299 or status == 422:
            problems.append(f"a {status} without a body")
        return problems, key
    if "X-Road-Error" in headers:
        problems += api.errors(api.component("XRoadError"), body)
        if isinstance(body, dict) and body.get("type") != headers["X-Road-Error"]:
            problems.append("X-Road-Error differs from the body's type")
    else:
        problems += api.errors(content["schema"], body)
    return problems, key


def check_records(tap, api, records):
    sent = {}
    answered = {}
    broken = 0
    request_problems = []
    answer_problems = []
    seen_outputs = seen_note = False
    profiles = set()

    for record in records:
        operation = operation_of(record)
        if operation is None:
            continue
        from_loket = (record["headers"].get("User-Agent") or "").startswith("loket/")
        if from_loket and operation != "requestToken":
            sent[operation] = sent.get(operation, 0) + 1
            if operation == "submitPart":
                profiles.add("xroad" if record["path"].startswith("/r1/")
                             else "bearer" if record["headers"].get("Authorization") else "plain")
            for p in check_request(api, record, operation):
                request_problems.append(f"{record['_where']} {operation}: {p}")

        if record["answer"] is None:
            continue   # a fault took the connection over: no answer to check
        if record.get("fault") in BROKEN_ON_PURPOSE:
            problems, _ = check_answer(api, record, operation)
            broken += 1
            if not problems:
                answer_problems.append(f"{record['_where']}: the broken answer of fault "
                                       f"'{record['fault']}' passes the schema")
            continue
        problems, key = check_answer(api, record, operation)
        answered.setdefault(operation, {}).setdefault(str(record["status"]), 0)
        answered[operation][str(record["status"])] += 1
        for p in problems:
            answer_problems.append(f"{record['_where']} {operation} {record['status']}: {p}")
        body = record["answer"]["body"]
        if operation == "trackParts" and isinstance(body, dict):
            for entry in body.get("submissions", []):
                seen_outputs |= "outputs" in entry
                seen_note |= "note" in entry
        if operation == "submitPart" and isinstance(body, dict) and "outputs" in body:
            seen_outputs = True

    total_sent = sum(sent.values())
    tap.check(total_sent > 0 and not request_problems,
              f"{total_sent} requests Loket sent match their operation's parameters and body "
              f"({', '.join(f'{k} {v}' for k, v in sorted(sent.items()))})", request_problems)
    total_answered = sum(sum(v.values()) for v in answered.values())
    tap.check(total_answered > 0 and not answer_problems,
              f"{total_answered} answers of the simulator match their operation and status, and "
              f"{broken} answers broken on purpose are refused", answer_problems)
    for operation, statuses in sorted(answered.items()):
        tap.diag(f"{operation}: " + ", ".join(f"{s} ×{n}" for s, n in sorted(statuses.items())))

    # The suite must exercise what the description says, or a silent recorder would pass.
    wanted = {
        "submitPart": {"200", "201", "400", "401", "409", "422", "429", "500", "503"},
        "trackParts": {"200"},
        "health": {"200"},
        "requestToken": {"200", "401"},
    }
    missing = [f"{op} {s}" for op, statuses in wanted.items()
               for s in sorted(statuses - set(answered.get(op, {})))]
    missing += [f"Loket's {op}" for op in ("submitPart", "trackParts", "health") if op not in sent]
    missing += [f"Loket's submissions with profile {p}"
                for p in sorted({"plain", "bearer", "xroad"} - profiles)]
    if not seen_outputs:
        missing.append("outputs in an answer")
    if not seen_note:
        missing.append("a note in a tracking answer")
    tap.check(not missing, "the recorded exchanges cover every profile's operations, the "
              "statuses Loket acts on, outputs and notes", [f"never seen: {m}" for m in missing])
    return records


def first_answer(records, operation, status, want=lambda body: True):
    for record in records:
        body = record["answer"]["body"] if record["answer"] is not None else None
        if (operation_of(record) == operation and record["status"] == status
                and record.get("fault") is None and isinstance(body, dict) and want(body)):
            return copy.deepcopy(body)
    return None


def check_rejections(tap, api, records):
    part = None
    for record in records:
        if (operation_of(record) == "submitPart"
                and (record["headers"].get("User-Agent") or "").startswith("loket/")
                and isinstance(record["body"], dict) and record["body"].get("data")):
            part = copy.deepcopy(record["body"])
            if any(isinstance(v, list) for v in part["data"].values()):
                break
    accepted = first_answer(records, "submitPart", 201)
    tracking = first_answer(records, "trackParts", 200, lambda body: body.get("submissions"))
    errors = first_answer(records, "submitPart", 422)

    if not tap.check(None not in (part, accepted, tracking, errors),
                     "a recorded part, 201 answer, tracking answer and 422 answer to alter"):
        return

    NAMES = {"Part": "a Part", "Accepted": "an Accepted answer",
             "Tracking": "a Tracking answer", "Errors": "an Errors answer"}
    samples = {"Part": part, "Accepted": accepted, "Tracking": tracking, "Errors": errors}
    for name, body in samples.items():
        tap.check(not api.errors(api.component(name), body), f"the unaltered {name} passes",
                  api.errors(api.component(name), body))

    def altered(name, change):
        body = copy.deepcopy(samples[name])
        change(body)
        return body

    def drop(*path):
        def change(body):
            for key in path[:-1]:
                body = body[key]
            del body[path[-1]]
        return change

    def put(value, *path):
        def change(body):
            for key in path[:-1]:
                body = body[key]
            body[path[-1]] = value
        return change

    a_field = next(iter(part["data"]))
    code = part["tracking_code"]
    cases = [("Part", f"without {m}", drop(m)) for m in part]
    cases += [
        ("Part", "without consent.text_sha256", drop("consent", "text_sha256")),
        ("Part", "without kiosk.site", drop("kiosk", "site")),
        ("Part", "with a lower-case tracking code", put(code.lower(), "tracking_code")),
        ("Part", "with a tracking code of 12 symbols", put(code[:12], "tracking_code")),
        ("Part", "with a tracking code holding U", put("U" + code[1:], "tracking_code")),
        ("Part", "with a hyphenated tracking code",
         put(code[:4] + "-" + code[4:], "tracking_code")),
        ("Part", "with a part id that is no UUID", put("part-1", "part_id")),
        ("Part", "with an upper-case part id", put(part["part_id"].upper(), "part_id")),
        ("Part", "with another protocol", put("loket-agency/2", "protocol")),
        ("Part", "with a number for kiosk.id", put(42, "kiosk", "id")),
        ("Part", "with a string for consent.fields", put(a_field, "consent", "fields")),
        ("Part", "with verification 'counter'", put("counter", "verification")),
        ("Part", "with an unknown basis", put("contract", "consent", "basis")),
        ("Part", "with submitted_at without an offset",
         put(part["submitted_at"][:19], "submitted_at")),
        ("Part", "with a short text_sha256", put("abc", "consent", "text_sha256")),
        ("Part", "without consent.details_text_sha256",
         drop("consent", "details_text_sha256")),
        ("Part", "without consent.details_opened", drop("consent", "details_opened")),
        ("Part", "with a short details_text_sha256",
         put("abc", "consent", "details_text_sha256")),
        ("Part", "with a string for details_opened", put("yes", "consent", "details_opened")),
        ("Part", "with a null value in data", put(None, "data", a_field)),
        ("Part", "with an object value in data", put({"x": 1}, "data", a_field)),
        ("Part", "with an untrimmed value in data", put(" x", "data", a_field)),
        ("Part", "with a data member that is no field id", put("x", "data", "a b")),
        ("Part", "with an unknown member", put(True, "priority")),
        ("Part", "with an unknown member in consent", put("x", "consent", "purpose")),
        ("Part", "with an unknown member in kiosk", put("x", "kiosk", "ip")),
        ("Accepted", "without reference", drop("reference")),
        ("Accepted", "without status", drop("status")),
        ("Accepted", "with a number for reference", put(7, "reference")),
        ("Accepted", "with an empty reference", put("", "reference")),
        ("Accepted", "with an unknown status", put("done", "status")),
        ("Accepted", "with a time for expected_completion",
         put("2026-12-01T10:00:00+07:00", "expected_completion")),
        ("Accepted", "with a list for outputs", put(["x"], "outputs")),
        ("Accepted", "with an unknown member", put("x", "message")),
        ("Tracking", "without submissions", drop("submissions")),
        ("Tracking", "with an entry without part_id", drop("submissions", 0, "part_id")),
        ("Tracking", "with an entry without updated_at", drop("submissions", 0, "updated_at")),
        ("Tracking", "with a malformed part_id", put("42", "submissions", 0, "part_id")),
        ("Tracking", "with an unknown status", put("lost", "submissions", 0, "status")),
        ("Tracking", "with a number for note", put(3, "submissions", 0, "note")),
        ("Tracking", "with an empty note", put("", "submissions", 0, "note")),
        ("Tracking", "with an unknown member in an entry", put("x", "submissions", 0, "nik")),
        ("Tracking", "with an unknown member", put(1, "count")),
        ("Errors", "with no errors", put([], "errors")),
        ("Errors", "with an error without message", drop("errors", 0, "message")),
        ("Errors", "with an error without code", drop("errors", 0, "code")),
        ("Errors", "with a number for a code", put(422, "errors", 0, "code")),
        ("Errors", "with an unknown member in an error", put("x", "errors", 0, "hint")),
    ]
    for name, what, change in cases:
        body = altered(name, change)
        tap.check(bool(api.errors(api.component(name), body)), f"rejected: {NAMES[name]} {what}",
                  [json.dumps(body)[:300]])


def check_examples(tap, api, protocol_md):
    """The JSON examples of docs/agency-protocol.md, in order, against their schemas."""
    with open(protocol_md, encoding="utf-8") as f:
        blocks = re.findall(r"```json\n(.*?)```", f.read(), re.S)
    names = ["Part", "Accepted", "Tracking"]
    problems = [] if len(blocks) == len(names) else [f"{len(blocks)} JSON examples, not 3"]
    for name, block in zip(names, blocks):
        body = json.loads(block)
        problems += [f"{name}: {e}" for e in api.errors(api.component(name), body)]
        if name == "Part" and not tracking_code_ok(body["tracking_code"]):
            problems.append("Part: the example's tracking code has a wrong check symbol")
    tap.check(not problems, "the examples of docs/agency-protocol.md match the schemas", problems)


def main():
    tap = Tap()
    args = sys.argv[1:]
    records_from = None
    if args[:1] == ["--records"]:
        # Check records made before (a folder of *.jsonl) instead of running the programs.
        records_from, args = args[1], args[2:]
    if len(args) < 1 or (records_from is None and len(args) < 2):
        print("usage: check-wire.py [--records DIR] API.yaml [PROGRAM...]", file=sys.stderr)
        return 2
    if "ASAN_OPTIONS" in os.environ:
        # The same programs run in their own suites under the sanitizer; what travels on the
        # wire does not change with it, and running them all again there triples the time.
        print("1..0 # SKIP the wire is checked in the default test setup, not under the sanitizer")
        return 0

    api = Api(args[0])
    check_document(tap, api)
    check_examples(tap, api, os.path.join(os.path.dirname(args[0]), "agency-protocol.md"))
    if records_from is not None:
        records = read_records(records_from)
    else:
        with tempfile.TemporaryDirectory(prefix="loket-wire-") as record_dir:
            run_programs(tap, args[1:], record_dir)
            records = read_records(record_dir)
    tap.diag(f"{len(records)} exchanges recorded")
    check_records(tap, api, records)
    check_rejections(tap, api, records)
    print(f"1..{tap.n}")
    return 1 if tap.failed else 0


if __name__ == "__main__":
    sys.exit(main())
