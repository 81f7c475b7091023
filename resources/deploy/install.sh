#!/usr/bin/env bash
# Install the waiting-room kiosk on a Debian 12 PC. Run as root; safe to run again.
#
#   sudo resources/deploy/install.sh --dry-run   # show every step, change nothing
#   sudo resources/deploy/install.sh             # install (needs the package mirrors)
#
# Options:
#   --dry-run          print the steps instead of running them
#   --x11              X server without a window manager instead of cage (Wayland)
#   --no-speech        skip espeak-ng (the read-aloud voice)
#   --from SPEC        what pip installs: a checkout folder, a .whl file or a
#                      requirement (default: the checkout this script is in)
#   --wheelhouse DIR   install offline from wheels in DIR (pip --no-index)
#   --start            (re)start the kiosk now instead of at the next boot
#   -h, --help         show this help
#
# What it does, in order: installs system packages; creates the user "kiosk";
# makes a Python environment in /opt/kiosk/venv and installs the kiosk into it;
# copies the example settings to /etc/kiosk/kiosk.toml if that file does not
# exist yet; installs the session scripts, the systemd unit, the PAM service and
# the power-key, SysRq and Ctrl+Alt+Del settings; enables the kiosk at boot.
# See docs/deploy.md for the whole story.

set -euo pipefail

KIOSK_USER=kiosk
PREFIX=/opt/kiosk
VENV=$PREFIX/venv
CONFIG_DIR=/etc/kiosk
UNIT=/etc/systemd/system/kiosk.service

DEPLOY_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SOURCE_ROOT=$(cd "$DEPLOY_DIR/../.." && pwd)

DRY_RUN=0
X11=0
SPEECH=1
START=0
FROM=""
WHEELHOUSE=""

usage() {
    sed -n '2,/^$/s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

die() {
    echo "install.sh: $*" >&2
    exit 1
}

while [ $# -gt 0 ]; do
    case $1 in
        --dry-run) DRY_RUN=1 ;;
        --x11) X11=1 ;;
        --no-speech) SPEECH=0 ;;
        --start) START=1 ;;
        --from)
            [ $# -ge 2 ] || die "--from needs a value"
            FROM=$2
            shift
            ;;
        --wheelhouse)
            [ $# -ge 2 ] || die "--wheelhouse needs a folder"
            WHEELHOUSE=$2
            shift
            ;;
        -h | --help)
            usage
            exit 0
            ;;
        *) die "unknown option $1 (try --help)" ;;
    esac
    shift
done

if [ -z "$FROM" ]; then
    FROM=$SOURCE_ROOT
    [ -f "$FROM/pyproject.toml" ] || die "no checkout at $FROM; use --from WHEEL_OR_FOLDER"
fi
if [ -n "$WHEELHOUSE" ] && [ ! -d "$WHEELHOUSE" ]; then
    die "--wheelhouse: no such folder: $WHEELHOUSE"
fi

STEP=0
step() {
    STEP=$((STEP + 1))
    printf '\n== %d. %s\n' "$STEP" "$*"
}

# Run a command, or just show it with --dry-run.
run() {
    printf '+'
    printf ' %q' "$@"
    printf '\n'
    if [ "$DRY_RUN" -eq 0 ]; then
        "$@"
    fi
}

# Copy a file into place with a mode; report whether it changed.
put() {
    local src=$1 dest=$2 mode=$3
    [ -f "$src" ] || die "missing file $src (is the checkout complete?)"
    if [ -f "$dest" ] && cmp -s "$src" "$dest"; then
        printf '  %s is up to date\n' "$dest"
        return 0
    fi
    run install -D -m "$mode" "$src" "$dest"
}

if [ "$DRY_RUN" -eq 0 ] && [ "$(id -u)" -ne 0 ]; then
    die "run as root (sudo $0), or add --dry-run to see the steps"
fi
if [ -r /etc/os-release ]; then
    # shellcheck disable=SC1091
    . /etc/os-release
    if [ "${ID:-}" != debian ] || [ "${VERSION_ID:-}" != 12 ]; then
        echo "install.sh: warning: written for Debian 12; this is ${PRETTY_NAME:-unknown}" >&2
    fi
fi
[ "$DRY_RUN" -eq 1 ] && echo "Dry run: nothing will be changed."

# --- 1. system packages ----------------------------------------------------------------
# Qt's platform plugins load these libraries at run time; the PySide6 wheel does not
# bring them. The xcb ones are needed even under Wayland (Qt's GUI library links X11).
PACKAGES=(
    python3 python3-venv python3-pip
    fonts-dejavu-core fonts-noto-core fontconfig
    libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0
    libxcb-xkb1 libxkbcommon-x11-0 libxcb-shape0 libxcb-randr0 libxcb-xinerama0
    libx11-xcb1 libxkbcommon0 libegl1 libgl1 libfontconfig1 libfreetype6 libdbus-1-3
    libglib2.0-0 libwayland-client0 libwayland-cursor0 libwayland-egl1
)
if [ "$X11" -eq 1 ]; then
    PACKAGES+=(xserver-xorg-core xserver-xorg-input-libinput xinit x11-xserver-utils)
else
    PACKAGES+=(cage)
fi
if [ "$SPEECH" -eq 1 ]; then
    PACKAGES+=(espeak-ng)
fi
step "Install system packages"
run apt-get update
run env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${PACKAGES[@]}"

# --- 2. the kiosk user -----------------------------------------------------------------
step "Create the user '$KIOSK_USER' (no password, cannot log in on a text console)"
if id "$KIOSK_USER" >/dev/null 2>&1; then
    echo "  user $KIOSK_USER exists"
else
    run useradd --create-home --user-group --shell /usr/sbin/nologin \
        --comment "Waiting-room kiosk" "$KIOSK_USER"
fi
# Screen, GPU, touchscreen and sound. logind also grants these to the active session;
# the groups make the kiosk work if that ever fails.
for group in video render input audio; do
    if getent group "$group" >/dev/null; then
        run usermod --append --groups "$group" "$KIOSK_USER"
    fi
done

# --- 3. Python environment and the kiosk itself ---------------------------------------
step "Install the kiosk into $VENV"
if [ -x "$VENV/bin/python" ]; then
    echo "  $VENV exists"
else
    run install -d -m 0755 "$PREFIX"
    run python3 -m venv "$VENV"
fi
PIP=("$VENV/bin/pip" install --disable-pip-version-check --upgrade)
if [ -n "$WHEELHOUSE" ]; then
    PIP+=(--no-index --find-links "$WHEELHOUSE")
fi
run "${PIP[@]}" "$FROM"
# The installed package must at least import, or there is no point going on.
run "$VENV/bin/python" -c "import kiosk.cli, kiosk.stats, kiosk.sdnotify"

# --- 4. settings -----------------------------------------------------------------------
step "Settings in $CONFIG_DIR/kiosk.toml"
run install -d -m 0755 "$CONFIG_DIR"
if [ -f "$CONFIG_DIR/kiosk.toml" ]; then
    echo "  $CONFIG_DIR/kiosk.toml exists; kept as it is"
else
    run install -m 0640 -o root -g "$KIOSK_USER" "$DEPLOY_DIR/../kiosk.example.toml" \
        "$CONFIG_DIR/kiosk.toml"
fi
run "$VENV/bin/kiosk" check-config "$CONFIG_DIR/kiosk.toml" ||
    echo "  the settings file has problems (above); the kiosk uses defaults for those keys"

# --- 5. session scripts, unit, PAM -----------------------------------------------------
step "Install the session scripts and the systemd unit"
put "$DEPLOY_DIR/kiosk-session" "$PREFIX/bin/kiosk-session" 0755
put "$DEPLOY_DIR/kiosk-xsession.sh" "$PREFIX/bin/kiosk-xsession.sh" 0755
put "$DEPLOY_DIR/pam.d/kiosk" /etc/pam.d/kiosk 0644
if [ "$X11" -eq 1 ]; then
    put "$DEPLOY_DIR/kiosk-x.service" "$UNIT" 0644
    put "$DEPLOY_DIR/xorg-10-kiosk.conf" /etc/X11/xorg.conf.d/10-kiosk.conf 0644
else
    put "$DEPLOY_DIR/kiosk.service" "$UNIT" 0644
fi

# --- 6. what the kiosk app cannot block itself -----------------------------------------
step "Ignore power/sleep keys, turn off Magic SysRq and Ctrl+Alt+Del reboot"
put "$DEPLOY_DIR/logind-kiosk.conf" /etc/systemd/logind.conf.d/kiosk.conf 0644
put "$DEPLOY_DIR/sysctl-kiosk.conf" /etc/sysctl.d/90-kiosk.conf 0644
run sysctl --quiet --load=/etc/sysctl.d/90-kiosk.conf
run systemctl mask ctrl-alt-del.target
# logind reads its settings at start; restarting it would end running sessions, so
# the power-key setting takes effect at the next boot.

# --- 7. start at boot ------------------------------------------------------------------
step "Start the kiosk at boot"
run systemctl daemon-reload
run systemctl enable kiosk.service
run systemctl set-default graphical.target
if systemctl is-enabled --quiet display-manager.service 2>/dev/null; then
    echo "  WARNING: a desktop login screen (display manager) is enabled and will fight"
    echo "  the kiosk for the screen. Turn it off with:"
    echo "      systemctl disable display-manager.service"
fi
if [ "$START" -eq 1 ]; then
    run systemctl restart kiosk.service
fi

printf '\nDone.'
if [ "$DRY_RUN" -eq 1 ]; then
    printf ' (dry run: nothing was changed)\n'
else
    printf ' Edit %s, check it with:\n    %s check-config %s\n' \
        "$CONFIG_DIR/kiosk.toml" "$VENV/bin/kiosk" "$CONFIG_DIR/kiosk.toml"
    printf 'then reboot (or: systemctl restart kiosk). Logs: journalctl -u kiosk\n'
fi
