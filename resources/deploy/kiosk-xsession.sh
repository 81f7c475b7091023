#!/bin/sh
# xinit client for the X alternative (kiosk-x.service): no window manager, the kiosk
# is the only client. Installed as /opt/kiosk/bin/kiosk-xsession.sh.
# By hand, for a test on a console: xinit /opt/kiosk/bin/kiosk-xsession.sh -- :0 -nocursor
set -u

# Never blank or power down the screen (the server is also started with -s 0 -dpms).
xset s off || true
xset s noblank || true
xset -dpms || true

# The pointer is hidden by the server's -nocursor flag. Started without it, hide an
# idle pointer with unclutter if it is installed (apt-get install unclutter).
if command -v unclutter >/dev/null 2>&1; then
    unclutter -idle 1 -root &
fi

QT_QPA_PLATFORM=xcb
export QT_QPA_PLATFORM
exec /opt/kiosk/bin/kiosk-session "$@"
