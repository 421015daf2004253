package ner

import "eventwire/ner/conll"

// Types are the CoNLL-2003 entity types, in label order.
var Types = [...]string{"PER", "ORG", "LOC", "MISC"}

const (
	numTypes  = len(Types)
	numLabels = 1 + 4*numTypes // O, then B I L U for each type
)

// Label positions within a type's block of four.
const (
	posB = iota
	posI
	posL
	posU
)

func label(typ, pos int) int { return 1 + 4*typ + pos }

// labelType returns the type index of label l, or numTypes for O.
func labelType(l int) int {
	if l == 0 {
		return numTypes
	}
	return (l - 1) / 4
}

func labelPos(l int) int { return (l - 1) % 4 }

// labelName returns the BILOU name of label l ("B-PER", "O").
func labelName(l int) string {
	if l == 0 {
		return "O"
	}
	return string("BILU"[labelPos(l)]) + "-" + Types[labelType(l)]
}

func typeIndex(t string) int {
	for i, x := range Types {
		if x == t {
			return i
		}
	}
	return -1
}

// allowed reports whether label b may follow label a (a = -1 at the start;
// b = -1 at the end).
func allowed(a, b int) bool {
	aOpen := a > 0 && (labelPos(a) == posB || labelPos(a) == posI)
	if b < 0 {
		return !aOpen
	}
	bCont := b > 0 && (labelPos(b) == posI || labelPos(b) == posL)
	if aOpen {
		return bCont && labelType(a) == labelType(b)
	}
	return !bCont
}

// bilou converts gold labels (IOB1/IOB2) into BILOU label ids.
func bilou(labels []string) []int {
	out := make([]int, len(labels))
	for _, sp := range conll.Spans(labels) {
		ty := typeIndex(sp.Type)
		if ty < 0 {
			continue
		}
		if sp.End-sp.Start == 1 {
			out[sp.Start] = label(ty, posU)
			continue
		}
		out[sp.Start] = label(ty, posB)
		for k := sp.Start + 1; k < sp.End-1; k++ {
			out[k] = label(ty, posI)
		}
		out[sp.End-1] = label(ty, posL)
	}
	return out
}

// spans turns a valid BILOU label-id sequence into entity spans.
func spans(ls []int) []conll.Span {
	var out []conll.Span
	start := -1
	for i, l := range ls {
		if l == 0 {
			start = -1
			continue
		}
		switch labelPos(l) {
		case posU:
			out = append(out, conll.Span{Start: i, End: i + 1, Type: Types[labelType(l)]})
			start = -1
		case posB:
			start = i
		case posL:
			if start >= 0 {
				out = append(out, conll.Span{Start: start, End: i + 1, Type: Types[labelType(l)]})
			}
			start = -1
		}
	}
	return out
}
