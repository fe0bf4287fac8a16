package e2e

import (
	"encoding/base64"
	"fmt"
	"net/url"
	"strings"
)

// A payload is one attempt to run script in a page, in the spirit of the
// cases of OWASP's XSS filter evasion cheat sheet. make writes it around a
// call, such as "xss(12)", of a function the browser test defines: if any
// page ever runs the call, the test knows which payload got through.
type payload struct {
	category string
	make     func(call string) string
}

// The categories of payloads, as the report of TestHostileArchive counts
// them.
const (
	catScript   = "script tags"
	catEvent    = "event handlers"
	catJSURL    = "javascript: URLs"
	catScheme   = "other schemes and data: URIs"
	catSVG      = "SVG and MathML"
	catStyle    = "style and expression"
	catMeta     = "meta refresh, base and frames"
	catBroken   = "broken and nested tags"
	catEncoded  = "encoded forms"
	catTemplate = "template and context breaking"
	catMarkdown = "Markdown links and HTML"
)

// around returns a payload maker that writes the call between before and
// after.
func around(before, after string) func(string) string {
	return func(call string) string { return before + call + after }
}

// js returns a payload maker for a javascript: URL of the call, spelt by
// spell, placed between before and after.
func js(before string, spell func(string) string, after string) func(string) string {
	return func(call string) string { return before + spell("javascript:"+call) + after }
}

func plain(s string) string { return s }

// decimal writes every character as a decimal character reference.
func decimal(s string) string {
	var b strings.Builder
	for _, r := range s {
		fmt.Fprintf(&b, "&#%d;", r)
	}
	return b.String()
}

// decimalLong writes every character as a zero-padded decimal reference
// without its semicolon.
func decimalLong(s string) string {
	var b strings.Builder
	for _, r := range s {
		fmt.Fprintf(&b, "&#%07d", r)
	}
	return b.String()
}

// hex writes every character as a hexadecimal reference without its
// semicolon.
func hex(s string) string {
	var b strings.Builder
	for _, r := range s {
		fmt.Fprintf(&b, "&#x%X", r)
	}
	return b.String()
}

// percent writes every byte as a percent escape.
func percent(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		fmt.Fprintf(&b, "%%%02X", s[i])
	}
	return b.String()
}

// jsEscapes writes every character as a JavaScript \u escape.
func jsEscapes(s string) string {
	var b strings.Builder
	for _, r := range s {
		fmt.Fprintf(&b, `\u%04x`, r)
	}
	return b.String()
}

// charCodes writes s as a String.fromCharCode argument list.
func charCodes(s string) string {
	codes := make([]string, 0, len(s))
	for _, r := range s {
		codes = append(codes, fmt.Sprint(r))
	}
	return strings.Join(codes, ",")
}

func b64(s string) string { return base64.StdEncoding.EncodeToString([]byte(s)) }

// mixedCase writes the scheme of a javascript: URL in mixed case.
func mixedCase(s string) string { return strings.Replace(s, "javascript", "JaVaScRiPt", 1) }

// payloads are the attacks of the hostile archive. Each is placed in every
// field an article has: title, body, source, author, the name of a person,
// place or organization (and its description), and its original address.
var payloads = []payload{
	// Script elements in many spellings.
	{catScript, around(`<script>`, `</script>`)},
	{catScript, around(`<SCRIPT>`, `</SCRIPT>`)},
	{catScript, around(`<ScRiPt >`, `</sCrIpT >`)},
	{catScript, around(`<script type="text/javascript">`, `</script>`)},
	{catScript, around(`<script/src="data:text/javascript,`, `"></script>`)},
	{catScript, func(c string) string { return `<SCRIPT SRC="data:,` + url.PathEscape(c) + `"></SCRIPT>` }},
	{catScript, around(`<script
>`, `</script
>`)},
	{catScript, around(`<script>/*</script>*/`, `</script>`)},
	{catScript, around(`<SCRIPT a=">" SRC="data:,`, `"></SCRIPT>`)},
	{catScript, around(`<script>`, `</script`)},
	{catScript, around(`<svg><script>`, `</script></svg>`)},

	// Event handlers, quoted and not, on elements that fire them by
	// themselves.
	{catEvent, around(`<img src=x onerror=`, `>`)},
	{catEvent, around(`<IMG SRC=/ onerror="`, `"></img>`)},
	{catEvent, around(`<img src="x" onerror='`, `'>`)},
	{catEvent, around("<img src=x onerror=`", "`>")},
	{catEvent, around(`<body onload=`, `>`)},
	{catEvent, around(`<svg/onload=`, `>`)},
	{catEvent, around(`<svg onload=`, `//`)},
	{catEvent, around(`<details open ontoggle=`, `>`)},
	{catEvent, around(`<input autofocus onfocus=`, `>`)},
	{catEvent, around(`<video><source onerror="`, `"></video>`)},
	{catEvent, around(`<audio src=x onerror=`, `>`)},
	{catEvent, around(`<iframe onload=`, `></iframe>`)},
	{catEvent, around(`<marquee onstart=`, `>x</marquee>`)},
	{catEvent, around(`<object data=x onerror=`, `>`)},
	{catEvent, around(`<style onload=`, `></style>`)},
	{catEvent, around(`<BODY onload!#$%&()*~+-_.,:;?@[/|\]^`+"`"+`=`, `>`)},
	{catEvent, around(`" onmouseover="`, `" autofocus onfocus="`)},
	{catEvent, around(`' autofocus onfocus='`, `' x='`)},
	{catEvent, around(`x" onerror="`, `" src="x`)},

	// javascript: URLs, spelt to slip past filters.
	{catJSURL, js(`<a href="`, plain, `">link</a>`)},
	{catJSURL, js(`<IMG SRC="`, plain, `">`)},
	{catJSURL, js(`<IMG SRC=`, mixedCase, `>`)},
	{catJSURL, js("<IMG SRC=`", plain, "`>")},
	{catJSURL, js(`<a href=" `, plain, `">leading space</a>`)},
	{catJSURL, js("<a href=\"\x01", plain, `">control character</a>`)},
	{catJSURL, js(`<a href="`, func(s string) string { return strings.Replace(s, "java", "java\t", 1) }, `">tab</a>`)},
	{catJSURL, js(`<a href="`, func(s string) string { return strings.Replace(s, "java", "java&#x09;", 1) }, `">tab reference</a>`)},
	{catJSURL, js(`<a href="`, func(s string) string { return strings.Replace(s, "jav", "jav&#x0A;", 1) }, `">newline reference</a>`)},
	{catJSURL, js(`<a href="`, func(s string) string { return strings.Replace(s, ":", "&colon;", 1) }, `">named colon</a>`)},
	{catJSURL, js(`<IMG SRC=`, decimal, `>`)},
	{catJSURL, js(`<IMG SRC=`, decimalLong, `>`)},
	{catJSURL, js(`<IMG SRC=`, hex, `>`)},
	{catJSURL, js(`<a href="`, percent, `">percent</a>`)},
	{catJSURL, js(``, plain, ``)},
	{catJSURL, js(``, mixedCase, ``)},
	{catJSURL, js(` `, plain, ``)},
	{catJSURL, func(c string) string { return "javascript://%0A" + c }},
	{catJSURL, js(`<form action="`, plain, `"><button>go</button></form>`)},
	{catJSURL, js(`<button form=f formaction="`, plain, `">go</button>`)},

	// Other schemes: vbscript:, livescript:, data: documents and scripts.
	{catScheme, func(c string) string { return `vbscript:msgbox("` + c + `")` }},
	{catScheme, func(c string) string { return `<a href="vbscript:` + c + `">vb</a>` }},
	{catScheme, func(c string) string { return `<img src="livescript:` + c + `">` }},
	{catScheme, func(c string) string { return `data:text/html,<script>` + c + `</script>` }},
	{catScheme, func(c string) string { return `data:text/html;base64,` + b64(`<script>`+c+`</script>`) }},
	{catScheme, func(c string) string {
		return `<a href="data:text/html;base64,` + b64(`<script>`+c+`</script>`) + `">data</a>`
	}},
	{catScheme, func(c string) string {
		return `<object data="data:text/html;base64,` + b64(`<script>`+c+`</script>`) + `"></object>`
	}},
	{catScheme, func(c string) string { return `<embed src="data:image/svg+xml,<svg onload='` + c + `'/>">` }},
	{catScheme, func(c string) string { return `<iframe src="data:text/html,<script>` + c + `</script>"></iframe>` }},
	{catScheme, func(c string) string {
		return `<img src="data:image/svg+xml;base64,` + b64(`<svg xmlns="http://www.w3.org/2000/svg" onload="`+c+`"/>`) + `">`
	}},

	// SVG and MathML: foreign content parses differently.
	{catSVG, js(`<svg><a xlink:href="`, plain, `"><text x="20" y="20">svg link</text></a></svg>`)},
	{catSVG, around(`<svg><animate onbegin=`, ` attributeName=x dur=1s>`)},
	{catSVG, js(`<svg><a><animate attributeName=href values=`, plain, ` /><text x=20 y=20>animated</text></a></svg>`)},
	{catSVG, js(`<svg><set attributeName="href" to="`, plain, `"/></svg>`)},
	{catSVG, around(`<math><mtext><table><mglyph><style><img src=x onerror=`, `>`)},
	{catSVG, js(`<math href="`, plain, `">math link</math>`)},
	{catSVG, around(`<svg><foreignObject><img src=x onerror=`, `></foreignObject></svg>`)},
	{catSVG, around(`<svg><style><img src=x onerror=`, `></style></svg>`)},
	{catSVG, around(`<svg><title><img src=x onerror=`, `></title></svg>`)},

	// Style sheets and expressions.
	{catStyle, js(`<STYLE>@import'`, plain, `';</STYLE>`)},
	{catStyle, js(`<DIV STYLE="background-image: url(`, plain, `)">`)},
	{catStyle, around(`<div style="width: expression(`, `);">`)},
	{catStyle, js(`<STYLE>li {list-style-image: url("`, plain, `");}</STYLE><UL><LI>x</UL>`)},
	{catStyle, js(`<LINK REL="stylesheet" HREF="`, plain, `">`)},
	{catStyle, around(`<style>*{background:url("data:,`, `")}</style>`)},
	{catStyle, around(`<XSS STYLE="behavior: url(xss.htc);" onclick=`, `>`)},
	{catStyle, around(`<style>body{-moz-binding:url("x.xml#`, `")}</style>`)},

	// Meta refresh, base, frames and objects.
	{catMeta, js(`<META HTTP-EQUIV="refresh" CONTENT="0;url=`, plain, `">`)},
	{catMeta, func(c string) string {
		return `<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html;base64,` + b64(`<script>`+c+`</script>`) + `">`
	}},
	{catMeta, js(`<BASE HREF="`, plain, `//">`)},
	{catMeta, around(`<base href="//attacker.invalid/`, `/">`)},
	{catMeta, around(`<meta http-equiv="Content-Security-Policy" content="script-src * 'unsafe-inline'"><script>`, `</script>`)},
	{catMeta, js(`<IFRAME SRC="`, plain, `"></IFRAME>`)},
	{catMeta, js(`<FRAMESET><FRAME SRC="`, plain, `"></FRAMESET>`)},
	{catMeta, js(`<iframe srcdoc="<script>parent.`, func(s string) string { return strings.TrimPrefix(s, "javascript:") }, `</script>">`)},
	{catMeta, js(`<EMBED SRC="`, plain, `">`)},

	// Broken, unclosed and nested tags that repair into something else.
	{catBroken, around(`<IMG """><SCRIPT>`, `</SCRIPT>">`)},
	{catBroken, around(`<<SCRIPT>`, `//<</SCRIPT>`)},
	{catBroken, around(`<scr<script>ipt>`, `</scr</script>ipt>`)},
	{catBroken, around(`<SCRIPT/XSS SRC="data:,`, `"></SCRIPT>`)},
	{catBroken, js(`<IMG SRC="`, plain, `"`)},
	{catBroken, around(`<a href="x" <img src=x onerror=`, `>`)},
	{catBroken, around(`</p></div></article></main><script>`, `</script>`)},
	{catBroken, around(`<!--<img src="--><img src=x onerror=`, `//">`)},
	{catBroken, around(`<noscript><p title="</noscript><img src=x onerror=`, `>">`)},
	{catBroken, around(`</title><script>`, `</script>`)},
	{catBroken, around(`</textarea><script>`, `</script>`)},
	{catBroken, around(`<xmp><p title="</xmp><img src=x onerror=`, `>">`)},
	{catBroken, around(`<plaintext><script>`, `</script>`)},
	{catBroken, around(`<iframe src=x <script>`, `</script>`)},

	// Encoded forms, for anything that decodes twice.
	{catEncoded, func(c string) string { return `&lt;script&gt;` + c + `&lt;/script&gt;` }},
	{catEncoded, func(c string) string { return `&#60;img src=x onerror=` + c + `&#62;` }},
	{catEncoded, func(c string) string { return `&amp;lt;script&amp;gt;` + c + `&amp;lt;/script&amp;gt;` }},
	{catEncoded, func(c string) string { return percent(`<script>` + c + `</script>`) }},
	{catEncoded, func(c string) string { return `%253Cscript%253E` + c + `%253C/script%253E` }},
	{catEncoded, func(c string) string { return `\u003cscript\u003e` + c + `\u003c/script\u003e` }},
	{catEncoded, func(c string) string { return `\x3cimg src=x onerror=` + c + `\x3e` }},
	{catEncoded, func(c string) string { return `+ADw-script+AD4-` + c + `+ADw-/script+AD4-` }},
	{catEncoded, func(c string) string { return `＜script＞` + c + `＜/script＞` }},
	{catEncoded, func(c string) string { return `<img src=x onerror=eval(String.fromCharCode(` + charCodes(c) + `))>` }},
	{catEncoded, func(c string) string { return `<img src=x onerror="` + jsEscapes(c) + `">` }},
	{catEncoded, func(c string) string { return `<img src=x onerror=&#120;` + c[1:] + `>` }},

	// Text that ends the context it is written into: a script, CDATA, a
	// comment, a JavaScript or JSON string, a template.
	{catTemplate, around(`</script><script>`, `</script>`)},
	{catTemplate, around(`]]><script>`, `</script><![CDATA[`)},
	{catTemplate, around(`--><script>`, `</script><!--`)},
	{catTemplate, around(`</style><script>`, `</script>`)},
	{catTemplate, around(`");`, `;//`)},
	{catTemplate, around(`'});`, `;//`)},
	{catTemplate, around(`"]});`, `;annalsSearch.doc(0,{//`)},
	{catTemplate, around("\u2028", "\u2029")},
	{catTemplate, around("${", "}")},
	{catTemplate, around("`+", "+`")},
	{catTemplate, around(`{{`, `}}`)},
	{catTemplate, around(`{{ template "main" . }}{{ print "<script>`, `</script>" }}`)},
	{catTemplate, around(`{{constructor.constructor('`, `')()}}`)},
	{catTemplate, around(`<%= `, ` %>`)},
	{catTemplate, around(`#{`, `}`)},

	// Markdown that would make a link, an image or raw HTML.
	{catMarkdown, js(`[markdown link](`, plain, `)`)},
	{catMarkdown, js(`[markdown link](`, mixedCase, `)`)},
	{catMarkdown, js(`[markdown link](<`, plain, `>)`)},
	{catMarkdown, js(`[markdown link](`, func(s string) string { return strings.Replace(s, "s", "&#115;", 1) }, `)`)},
	{catMarkdown, js(`[markdown link](`, func(s string) string { return strings.Replace(s, "j", `\j`, 1) }, `)`)},
	{catMarkdown, js(`![markdown image](`, plain, `)`)},
	{catMarkdown, js(`<`, plain, `>`)},
	{catMarkdown, js("[reference][r]\n\n[r]: ", plain, "")},
	{catMarkdown, func(c string) string { return `[data](data:text/html;base64,` + b64(`<script>`+c+`</script>`) + `)` }},
	{catMarkdown, func(c string) string { return `[vb](vbscript:` + c + `)` }},
	{catMarkdown, around(`[x](https://ok.example/ "title\" onmouseover=\"`, `\")`)},
	{catMarkdown, around("<div>\n\n<script>", "</script>\n\n</div>")},
	{catMarkdown, around("```html\n<script>", "</script>\n```")},
	{catMarkdown, around("| a |\n| - |\n| <img src=x onerror=", "> |")},
	{catMarkdown, around("| aligned | right |\n| :-: | -: |\n| ", " | x |")},
}
