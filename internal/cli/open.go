package cli

import (
	"os/exec"
	"path/filepath"
	"runtime"
)

// openInBrowser opens target (a URL or a file) in the user's default
// browser without waiting for it. Tests replace it.
var openInBrowser = func(target string) error {
	if abs, err := filepath.Abs(target); err == nil && !isURL(target) {
		target = abs
	}
	var cmd *exec.Cmd
	switch runtime.GOOS {
	case "darwin":
		cmd = exec.Command("open", target)
	case "windows":
		cmd = exec.Command("rundll32", "url.dll,FileProtocolHandler", target)
	default:
		cmd = exec.Command("xdg-open", target)
	}
	if err := cmd.Start(); err != nil {
		return err
	}
	go cmd.Wait()
	return nil
}

func isURL(s string) bool {
	return len(s) > 7 && (s[:7] == "http://" || s[:8] == "https://")
}
