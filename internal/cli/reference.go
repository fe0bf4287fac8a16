package cli

import (
	"strings"
)

// Reference returns the command-line reference in Markdown, generated from
// the command table: the README embeds it, and a test keeps it current.
func Reference() string {
	var b strings.Builder
	for _, c := range Commands() {
		b.WriteString("### annals " + c.Name + "\n\n```\n")
		b.WriteString(HelpText(c))
		b.WriteString("```\n\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}
