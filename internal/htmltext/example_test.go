package htmltext_test

import (
	"fmt"

	"github.com/annals-archive/annals/internal/htmltext"
)

func ExampleExtract() {
	page := []byte(`<!DOCTYPE html>
<html><head>
<title>Night ferry returns to Lake Orrin | Orrin Valley Post</title>
<meta property="article:published_time" content="2031-06-02T06:15:00+01:00">
<link rel="canonical" href="/2031/06/night-ferry">
</head><body>
<nav><a href="/">Home</a> <a href="/local">Local</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Night ferry returns to Lake Orrin</h1>
<p>The night ferry between Ashby Quay and the island of Tallow will run again from Friday, eleven years after the last crossing was cancelled for lack of passengers.</p>
<p>The new boat is electric and carries forty people. Tickets cost the same as on the day service, and bicycles travel free until the end of the summer.</p>
<p>"People asked for it at every meeting we held," said the harbour master, Ines Calloway.</p>
</article>
<footer>© Orrin Valley Post. All rights reserved.</footer>
</body></html>`)
	p, err := htmltext.Extract(page, "https://post.example/local/ferry")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.Title)
	fmt.Println(p.Date)
	fmt.Println(p.URL)
	fmt.Println(p.SiteName)
	fmt.Println()
	fmt.Println(p.Body)
	// Output:
	// Night ferry returns to Lake Orrin
	// 2031-06-02
	// https://post.example/2031/06/night-ferry
	// Orrin Valley Post
	//
	// The night ferry between Ashby Quay and the island of Tallow will run again from Friday, eleven years after the last crossing was cancelled for lack of passengers.
	//
	// The new boat is electric and carries forty people. Tickets cost the same as on the day service, and bicycles travel free until the end of the summer.
	//
	// "People asked for it at every meeting we held," said the harbour master, Ines Calloway.
}
