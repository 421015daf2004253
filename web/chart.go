package web

import (
	"fmt"
	"html/template"
	"sort"
	"strings"

	"eventwire/store"
)

// quadNames names the four CAMEO QuadClasses.
var quadNames = [5]string{"", "Verbal cooperation", "Material cooperation", "Verbal conflict", "Material conflict"}

// timelineSVG draws events per day as stacked bars, one colour per
// QuadClass. It is built from numbers and dates only; labels are escaped.
func timelineSVG(buckets []store.TimelineBucket) template.HTML {
	if len(buckets) == 0 {
		return ""
	}
	byDay := map[string][5]int{}
	for _, b := range buckets {
		if b.QuadClass < 1 || b.QuadClass > 4 {
			continue
		}
		v := byDay[b.Day]
		v[b.QuadClass] += b.Events
		byDay[b.Day] = v
	}
	days := make([]string, 0, len(byDay))
	peak := 1
	for d, v := range byDay {
		days = append(days, d)
		if t := v[1] + v[2] + v[3] + v[4]; t > peak {
			peak = t
		}
	}
	sort.Strings(days)
	const w, h, left, bottom = 720, 220, 40, 40
	bar := float64(w-left-10) / float64(max(len(days), 1))
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="timeline" viewBox="0 0 %d %d" role="img" aria-label="Events per day by QuadClass">`, w, h)
	fmt.Fprintf(&b, `<line x1="%d" y1="%d" x2="%d" y2="%d" class="axis"/>`, left, h-bottom, w-10, h-bottom)
	fmt.Fprintf(&b, `<text x="4" y="14" class="label">%d</text>`, peak)
	for i, d := range days {
		v := byDay[d]
		x := float64(left) + float64(i)*bar
		y := float64(h - bottom)
		for q := 1; q <= 4; q++ {
			if v[q] == 0 {
				continue
			}
			bh := float64(v[q]) / float64(peak) * float64(h-bottom-20)
			y -= bh
			fmt.Fprintf(&b, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" class="q%d"><title>%s: %d %s</title></rect>`,
				x+1, y, max(bar-2, 1), bh, q, template.HTMLEscapeString(d), v[q], quadNames[q])
		}
		if len(days) <= 12 || i%(len(days)/12+1) == 0 {
			fmt.Fprintf(&b, `<text x="%.1f" y="%d" class="label">%s</text>`, x+1, h-bottom+14, template.HTMLEscapeString(d))
		}
	}
	for q := 1; q <= 4; q++ {
		x := left + (q-1)*170
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="10" height="10" class="q%d"/><text x="%d" y="%d" class="label">%s</text>`,
			x, h-12, q, x+14, h-3, quadNames[q])
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}
