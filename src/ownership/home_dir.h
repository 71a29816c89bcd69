// usable_home: the HOME a process gets. Programs write dotfiles there, so a
// home the process cannot write (a read-only root file system, "/" in an
// entry the engine added for an arbitrary uid, a home never created) is
// replaced by a private directory under $TMPDIR or /tmp, where Kubernetes'
// emptyDir or the engine's tmpfs usually is. Never an error.
#pragma once

#include <string>
#include <vector>

namespace unroot {

/// The first of `homes` the calling process (its real ids) may write and
/// enter; else TMP/unroot-home-UID, made mode 0700 or reused when this uid
/// owns it and no one else may enter it; else a fresh TMP/unroot-home-UID-
/// XXXXXX; else the first of `homes` all the same, there being nothing better.
std::string usable_home(const std::vector<std::string>& homes);

}  // namespace unroot
