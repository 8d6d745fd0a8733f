/* loket-config-choices.c — the values a kind-of-thing key may take, in one table each
 *
 * A key that picks a variant ([agency ID] profile, [printer] backend, [printer] width) has
 * its table here: each line is the variant's spelling in the file, its enum value and the
 * keys of the same group it needs. The parser reads the spellings (and lists them, in this
 * order, when a value is none of them), the rules report a needed key that is missing, and
 * the *_to_string functions of loket-config.h spell a value back; nothing else in app/config
 * names a variant. A new agency profile or printer back end is one line here and its enum
 * value in loket-config.h.
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#include "config.h"

#include "loket-config-private.h"

/* In the order data/loket.conf.example lists them, which is the order messages list them in. */
const LoketConfigChoice loket_config_printer_backends[] = {
  { "cups",          LOKET_PRINTER_CUPS,          { NULL } },
  { "escpos-device", LOKET_PRINTER_ESCPOS_DEVICE, { "device", NULL } },
  { "escpos-tcp",    LOKET_PRINTER_ESCPOS_TCP,    { "host", NULL } },
  { "pdf",           LOKET_PRINTER_PDF,           { "folder", NULL } },
  { "none",          LOKET_PRINTER_NONE,          { NULL } },
  { NULL, 0, { NULL } }
};

const LoketConfigChoice loket_config_paper_widths[] = {
  { "58", LOKET_PAPER_58MM, { NULL } },
  { "80", LOKET_PAPER_80MM, { NULL } },
  { "a4", LOKET_PAPER_A4,   { NULL } },
  { NULL, 0, { NULL } }
};

/* Each profile's operations are in app/net (loket-agency-profile.c). */
const LoketConfigChoice loket_config_agency_profiles[] = {
  { "plain",  LOKET_AGENCY_PROFILE_PLAIN,  { NULL } },
  { "oauth2", LOKET_AGENCY_PROFILE_OAUTH2, { "token-url", "client-id", "client-secret-file", NULL } },
  { "xroad",  LOKET_AGENCY_PROFILE_XROAD,  { "xroad-client", "xroad-service", NULL } },
  { NULL, 0, { NULL } }
};

const LoketConfigChoice *
loket_config_choice_find (const LoketConfigChoice *choices,
                          int                      value)
{
  for (const LoketConfigChoice *c = choices; c->name != NULL; c++)
    if (c->value == value)
      return c;
  return NULL;
}

static const char *
choice_name (const LoketConfigChoice *choices,
             int                      value)
{
  const LoketConfigChoice *choice = loket_config_choice_find (choices, value);

  return choice != NULL ? choice->name : NULL;
}

const char *
loket_agency_profile_to_string (LoketAgencyProfile profile)
{
  const char *name = choice_name (loket_config_agency_profiles, profile);

  g_return_val_if_fail (name != NULL, NULL);
  return name;
}

const char *
loket_printer_backend_to_string (LoketPrinterBackend backend)
{
  const char *name = choice_name (loket_config_printer_backends, backend);

  g_return_val_if_fail (name != NULL, NULL);
  return name;
}

const char *
loket_paper_width_to_string (LoketPaperWidth width)
{
  const char *name = choice_name (loket_config_paper_widths, width);

  g_return_val_if_fail (name != NULL, NULL);
  return name;
}
