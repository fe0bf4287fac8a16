//go:build !linux

package publish

import "errors"

// exchangeFolders is not available here: swap renames in steps.
func exchangeFolders(a, b string) error {
	return errors.New("no atomic exchange of folders on this system")
}
