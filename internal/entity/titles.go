package entity

import "strings"

// titles are the words that stand before a person's name, in the order
// they are tried at one place of a text: where one title opens another
// ("Secretary General", "Secretary"), the first in this order wins.
var titles = append(strings.Fields("Mr. Mrs. Ms. Dr. Gen. Lt. Col. Maj. Capt. Sgt. Sen. Rep. Gov. Prof. Rev. St."),
	"President", "Vice President", "Premier", "Prime Minister", "Deputy Prime Minister", "Chairman",
	"Chairwoman", "Comrade", "Marshal", "General Secretary", "Secretary-General", "Secretary General",
	"Secretary", "Foreign Minister", "Deputy Foreign Minister", "Defence Minister", "Defense Minister",
	"Minister", "Ambassador", "Chancellor", "King", "Queen", "Prince", "Princess", "Pope", "Senator",
	"Governor", "Mayor", "Leader", "Supreme Leader", "General", "Admiral", "Colonel", "Dictator",
	"Respected", "Dear")

// isTitle holds the titles; maxTitle is the longest one's length.
var isTitle, maxTitle = func() (map[string]bool, int) {
	m, n := map[string]bool{}, 0
	for _, t := range titles {
		m[t] = true
		n = max(n, len(t))
	}
	return m, n
}()

// honorific returns where the title that ends s, followed by at least one
// space, starts: "Foreign Minister " in "said Foreign Minister ". The title
// must start a word; of titles that end in the same place, the longest
// ("Deputy Prime Minister", not "Minister") counts. It returns -1 when s
// does not end with a title.
func honorific(s string) int {
	end := len(strings.TrimRight(s, spaces))
	if end == len(s) {
		return -1
	}
	for i := max(0, end-maxTitle); i < end; i++ {
		if (i == 0 || !isWordByte(s[i-1])) && isTitle[s[i:end]] {
			return i
		}
	}
	return -1
}

// leadingTitles returns the length of the titles, each followed by
// spaces, that open s ("President Dorn" → 10), or 0.
func leadingTitles(s string) int {
	end := 0
	for {
		n := titleAt(s[end:])
		if n == 0 {
			return end
		}
		end += n
		end = len(s) - len(strings.TrimLeft(s[end:], spaces))
	}
}

// titleAt returns the length of the first title that opens s and is
// followed by a space, or 0.
func titleAt(s string) int {
	for _, t := range titles {
		if len(s) > len(t) && s[:len(t)] == t && strings.IndexByte(spaces, s[len(t)]) >= 0 {
			return len(t)
		}
	}
	return 0
}

// spaces are the characters a title may be separated from a name by.
const spaces = "\t\n\f\r "

// isWordByte reports whether c is an ASCII letter, digit or underscore:
// a title starts after any other character.
func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_'
}
