#!/bin/bash
# Agent Desk deb after-install (electron-builder fills in the ${...} names).
# 1. /usr/bin/agent-desk; 2. the chrome-sandbox mode; 3. the AppArmor profile that lets
# Chromium's sandbox use user namespaces on Ubuntu 24.04+ (Electron issue 42510).

if type update-alternatives >/dev/null 2>&1; then
  if [ -L '/usr/bin/${executable}' ] && [ -e '/usr/bin/${executable}' ] && [ "$(readlink '/usr/bin/${executable}')" != '/etc/alternatives/${executable}' ]; then
    rm -f '/usr/bin/${executable}'
  fi
  update-alternatives --install '/usr/bin/${executable}' '${executable}' '/opt/${sanitizedProductName}/${executable}' 100 ||
    ln -sf '/opt/${sanitizedProductName}/${executable}' '/usr/bin/${executable}'
else
  ln -sf '/opt/${sanitizedProductName}/${executable}' '/usr/bin/${executable}'
fi

# The SUID helper only where the kernel has no working user namespaces.
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; } 2>/dev/null; then
  chmod 4755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
else
  chmod 0755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
fi

if hash update-desktop-database 2>/dev/null; then
  update-desktop-database /usr/share/applications || true
fi

# The profile uses abi/4.0 (AppArmor 4, Ubuntu 24.04+). Older AppArmor does not restrict user
# namespaces and cannot parse it: the dry run fails there and nothing is installed.
APPARMOR_SOURCE='/opt/${sanitizedProductName}/resources/apparmor-profile'
APPARMOR_TARGET='/etc/apparmor.d/${executable}'
if apparmor_status --enabled >/dev/null 2>&1 && hash apparmor_parser 2>/dev/null; then
  if apparmor_parser --skip-kernel-load --debug "$APPARMOR_SOURCE" >/dev/null 2>&1; then
    cp -f "$APPARMOR_SOURCE" "$APPARMOR_TARGET"
    # No live reload inside a chroot (image builds): the profile loads at next boot.
    if ! { [ -x /usr/bin/ischroot ] && /usr/bin/ischroot; }; then
      apparmor_parser --replace --write-cache --skip-read-cache "$APPARMOR_TARGET" || true
    fi
  else
    echo "Agent Desk: this AppArmor cannot parse the bundled profile; not installing it (not needed before Ubuntu 24.04)."
  fi
fi
exit 0
