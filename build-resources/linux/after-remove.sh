#!/bin/bash
# Agent Desk deb after-remove: the /usr/bin link and the AppArmor profile the after-install put in.

if type update-alternatives >/dev/null 2>&1; then
  update-alternatives --remove '${executable}' '/opt/${sanitizedProductName}/${executable}' || true
else
  rm -f '/usr/bin/${executable}'
fi

APPARMOR_TARGET='/etc/apparmor.d/${executable}'
if [ -f "$APPARMOR_TARGET" ]; then
  if apparmor_status --enabled >/dev/null 2>&1 && hash apparmor_parser 2>/dev/null && ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; }; then
    apparmor_parser --remove "$APPARMOR_TARGET" || true
  fi
  rm -f "$APPARMOR_TARGET"
fi
exit 0
