# Sourced by ./run-tests and ./run-demo: install the Debian packages of
# build-aux/debian-packages.txt that are missing, and generate locales.
#
# As root, it runs apt-get; otherwise it prints the one line to run, and fails.

loket_packages() {
  sed -e 's/#.*//' -e 's/[[:space:]]*$//' -e '/^$/d' "$(dirname "${BASH_SOURCE[0]}")/debian-packages.txt"
}

ensure_packages() {
  local missing=() pkg
  for pkg in $(loket_packages); do
    if [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" != installed ]; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  if [ "$(id -u)" -ne 0 ]; then
    echo "Loket needs these Debian packages. Run, as root:" >&2
    echo "  apt-get install -y ${missing[*]}" >&2
    return 1
  fi

  echo "Installing ${#missing[@]} Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q || return 1
  apt-get install -y -q --no-install-recommends "${missing[@]}" || return 1
}

# ensure_locales LOCALE...: generate the UTF-8 locales that the tests format in.
ensure_locales() {
  local want=() loc have
  have=$(locale -a 2>/dev/null | tr '[:upper:]' '[:lower:]' | sed 's/utf-8/utf8/')
  for loc in "$@"; do
    local norm
    norm=$(echo "$loc" | tr '[:upper:]' '[:lower:]' | sed 's/utf-8/utf8/')
    echo "$have" | grep -qx "$norm" || want+=("$loc")
  done
  [ ${#want[@]} -eq 0 ] && return 0

  if [ "$(id -u)" -ne 0 ]; then
    echo "Loket's tests need the locales ${want[*]}. Run, as root:" >&2
    echo "  for l in ${want[*]}; do sed -i \"s/^# *\$l /\$l /\" /etc/locale.gen; done; locale-gen" >&2
    return 1
  fi

  for loc in "${want[@]}"; do
    if grep -q "^# *$loc " /etc/locale.gen; then
      sed -i "s/^# *$loc /$loc /" /etc/locale.gen
    elif ! grep -q "^$loc " /etc/locale.gen; then
      echo "$loc UTF-8" >> /etc/locale.gen
    fi
  done
  locale-gen >/dev/null || return 1
}

ensure_packages
