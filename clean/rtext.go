package clean

import "eventwire/doc"

// rtext is text that remembers, for each of its bytes, the offset in the raw
// input it came from. Every clean-up step reads one rtext and writes another,
// so the map back to the raw input survives any number of repairs.
type rtext struct {
	b []byte
	o []int32
}

func newRtext(s string, base int) rtext {
	t := rtext{b: []byte(s), o: make([]int32, len(s))}
	for i := range t.o {
		t.o[i] = int32(base + i)
	}
	return t
}

func (t rtext) String() string { return string(t.b) }
func (t rtext) Len() int       { return len(t.b) }

// slice returns the bytes [i, j) with their origins.
func (t rtext) slice(i, j int) rtext { return rtext{b: t.b[i:j:j], o: t.o[i:j:j]} }

// origin returns the raw offset of byte i; past the end it extrapolates.
func (t rtext) origin(i int) int32 {
	if i < len(t.o) {
		return t.o[i]
	}
	if len(t.o) == 0 {
		return 0
	}
	return t.o[len(t.o)-1] + int32(i-len(t.o)+1)
}

// builder accumulates an rtext.
type builder struct{ t rtext }

// copy appends src[i:j] with its origins.
func (w *builder) copy(src rtext, i, j int) {
	w.t.b = append(w.t.b, src.b[i:j]...)
	w.t.o = append(w.t.o, src.o[i:j]...)
}

// replace appends s in place of the raw bytes starting at origin from and
// spanning n raw bytes: byte k of s maps to from+min(k, n-1).
func (w *builder) replace(s string, from int32, n int) {
	for k := 0; k < len(s); k++ {
		w.t.b = append(w.t.b, s[k])
		w.t.o = append(w.t.o, from+int32(min(k, max(n-1, 0))))
	}
}

func (w *builder) trimRightSpace() {
	for len(w.t.b) > 0 && w.t.b[len(w.t.b)-1] == ' ' {
		w.t.b = w.t.b[:len(w.t.b)-1]
		w.t.o = w.t.o[:len(w.t.o)-1]
	}
}

// trimSpace removes ASCII spaces at both ends.
func (t rtext) trimSpace() rtext {
	i, j := 0, len(t.b)
	for i < j && isSpaceByte(t.b[i]) {
		i++
	}
	for j > i && isSpaceByte(t.b[j-1]) {
		j--
	}
	return t.slice(i, j)
}

func isSpaceByte(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
}

// offsetMap builds the document's raw-offset map from the title and
// paragraph texts laid out at their spans in d.Text.
func offsetMap(d *doc.Document, title rtext, paras []rtext) doc.OffsetMap {
	var m doc.OffsetMap
	add := func(start int, t rtext) {
		for i, r := range t.o {
			c := start + i
			if n := len(m); n > 0 && m[n-1].Raw+(c-m[n-1].Clean) == int(r) {
				continue
			}
			m = append(m, doc.OffsetAnchor{Clean: c, Raw: int(r)})
		}
	}
	add(d.TitleSpan.Start, title)
	for i, p := range paras {
		add(d.ParagraphSpans[i].Start, p)
	}
	return m
}
