#!/usr/bin/env bash
# Launches the built desk under Xvfb with demo data, goes through the main flow as an agent would (keyboard and
# mouse through xdotool) and saves screenshots to screenshots/: the perspective, an open conversation after a reply,
# the User Properties view, the Connectors view, a connector's generated configuration form, and the Dark theme. Needs: xvfb, xdotool, imagemagick (apt-get install xvfb xdotool imagemagick).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
product="$root/product/target/products/org.humanchat.desk.product/linux/gtk/x86_64"
out="$root/screenshots"
for tool in Xvfb xdotool import; do
  command -v "$tool" >/dev/null || { echo "error: $tool is missing (apt-get install xvfb xdotool imagemagick)" >&2; exit 1; }
done
[ -x "$product/humanchat" ] || { echo "error: build the desk first (./hc desk, or ./hc test)" >&2; exit 1; }
mkdir -p "$out"
data=$(mktemp -d)
display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1440x900x24 >/dev/null 2>&1 &
xvfb=$!
desk=""
# Never fails: the desk has usually quit by itself (Ctrl+Q) when this runs.
cleanup() { if [ -n "$desk" ]; then kill "$desk" 2>/dev/null || true; fi; kill "$xvfb" 2>/dev/null || true; rm -rf "$data"; }
trap cleanup EXIT
export DISPLAY=$display
sleep 1
# The example SMS connector, if built, goes into the drop-in folder: the desk installs it while it starts.
sms=$(ls "$root"/examples/org.humanchat.example.sms/target/org.humanchat.example.sms-*.jar 2>/dev/null | head -n 1 || true)
[ -n "$sms" ] && mkdir -p "$data/connectors" && cp "$sms" "$data/connectors/sms.jar"
HUMANCHAT_DATA="$data" HUMANCHAT_DEMO=1 "$product/humanchat" >"$out/desk.log" 2>&1 &
desk=$!

wait_for_window() {
  for _ in $(seq 1 120); do
    xdotool search --name '^Human Chat' >/dev/null 2>&1 && return 0
    sleep 0.5
  done
  echo "error: the desk window did not appear; see $out/desk.log" >&2
  exit 1
}
wait_for_window
sleep 8 # the demo data and the Brain's answers arrive in the background
shot() { import -window root "$out/$1.png"; echo "saved $out/$1.png"; }

# The window sits at 0,0 (no window manager): tabs and the first row are at fixed places.
click() { xdotool mousemove "$1" "$2" click 1; sleep "${3:-1}"; }
click 108 158            # Inbox tab "Unassigned"
shot 1-inbox-unassigned
xdotool mousemove 60 227 click --repeat 2 --delay 80 1; sleep 3   # open the first waiting conversation
shot 2-conversation-opened
click 780 700 0.5        # the composer
xdotool type --delay 15 "Hello, this is the support team. Let me check that for you."
xdotool key Return; sleep 3
click 32 158 2           # Inbox tab "Me": the conversation is now mine
shot 3-conversation-replied-and-mine
printf 'Invoice 2026-117\nTotal: 49.00 EUR\n' > "$data/invoice-2026-117.txt"
click 780 700 0.5        # the composer, then Ctrl+Shift+F: attach a file (typed into the file dialog)
xdotool key ctrl+shift+f
for _ in $(seq 1 40); do xdotool search --name '^Attach files' >/dev/null 2>&1 && break; sleep 0.25; done; sleep 1
xdotool key ctrl+l; sleep 0.5; xdotool type --delay 10 "$data/invoice-2026-117.txt"; sleep 0.7
xdotool key Return; sleep 2
click 780 700 0.5
xdotool type --delay 15 "Here is your invoice."
xdotool key Return; sleep 3
shot 3b-conversation-file-sent
click 1290 135 0.5       # User Properties: email field
xdotool type --delay 15 "not-an-email"; sleep 1
shot 4-user-properties-validation
click 1185 41 2          # the Settings tab beside User Properties
shot 5-settings
xdotool key ctrl+shift+k; sleep 3   # Window > Connectors
shot 6-connectors
click 600 176 0.5        # the first connector, then the last one: the example SMS connector from the drop-in folder
xdotool key End; sleep 1
click 546 626 3          # Add Instance...: the form generated from its Metatype
click 726 181 0.3; xdotool type --delay 15 "SMS +49 30 555"
click 748 218 0.3; xdotool type --delay 15 "AC0123456789"
click 748 272 0.3; xdotool type --delay 15 "secret-token"
click 748 344 0.3; xdotool type --delay 15 "+4930555"; sleep 1
shot 7-connector-instance-form
xdotool key Escape; sleep 1
xdotool key ctrl+q; sleep 3
# The Dark theme (File > Preferences, from the next start): the same desk started again with it chosen.
prefs="$data/workspace/.metadata/.plugins/org.eclipse.core.runtime/.settings/org.humanchat.ui.prefs"
mkdir -p "$(dirname "$prefs")" && touch "$prefs"
sed -i '/^theme=/d' "$prefs"
echo "theme=dark" >> "$prefs"
HUMANCHAT_DATA="$data" "$product/humanchat" >>"$out/desk.log" 2>&1 &
desk=$!
wait_for_window
sleep 5
click 32 158 1           # Inbox tab "Me", then open its first conversation
xdotool mousemove 60 227 click --repeat 2 --delay 80 1; sleep 3
shot 8-dark-theme
xdotool key ctrl+q; sleep 3
echo "screenshots in $out"
