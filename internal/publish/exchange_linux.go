package publish

import "golang.org/x/sys/unix"

// exchangeFolders swaps two paths atomically (renameat2 with
// RENAME_EXCHANGE): readers see the old folder or the new, never neither.
func exchangeFolders(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
