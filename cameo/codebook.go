package cameo

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// CodeInfo describes one CAMEO event code.
type CodeInfo struct {
	Code, Root, Base string
	Name             string
	QuadClass        int
	Goldstein        float64
	// Plover and Mode are the PLOVER category and mode, when mapped.
	Plover, Mode string
}

// Codebook maps CAMEO event codes to their descriptions.
type Codebook map[string]CodeInfo

// ReadCodebook reads the derived CAMEO code table (cameo_eventcodes.csv:
// code, level, root_code, base_code, name, root_name, quad_class, ...,
// goldstein, goldstein_icews, plover_category, plover_mode, plover_context).
func ReadCodebook(r io.Reader) (Codebook, error) {
	cr := csv.NewReader(r)
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("cameo: codebook: %w", err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[h] = i
	}
	for _, need := range []string{"code", "root_code", "base_code", "name", "quad_class", "goldstein", "plover_category", "plover_mode"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("cameo: codebook: no column %q", need)
		}
	}
	cb := Codebook{}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("cameo: codebook: %w", err)
		}
		q, _ := strconv.Atoi(rec[col["quad_class"]])
		g, _ := strconv.ParseFloat(rec[col["goldstein"]], 64)
		ci := CodeInfo{
			Code: rec[col["code"]], Root: rec[col["root_code"]], Base: rec[col["base_code"]],
			Name: rec[col["name"]], QuadClass: q, Goldstein: g,
			Plover: strings.ToUpper(rec[col["plover_category"]]), Mode: rec[col["plover_mode"]],
		}
		cb[ci.Code] = ci
	}
	return cb, nil
}

// Info returns what the codebook knows of code. Codes absent from the
// codebook (dictionary-specific codes such as "174K") fall back to their
// first three, then two digits; ok is false when nothing matches.
func (cb Codebook) Info(code string) (CodeInfo, bool) {
	if ci, ok := cb[code]; ok {
		return ci, true
	}
	for _, n := range []int{3, 2} {
		if len(code) > n {
			if ci, ok := cb[code[:n]]; ok {
				ci.Code = code
				return ci, true
			}
		}
	}
	return CodeInfo{Code: code}, false
}

// Root returns the two-digit root of a CAMEO code ("0431" → "04").
func Root(code string) string {
	if len(code) < 2 {
		return code
	}
	return code[:2]
}

// Base returns the three-digit base of a CAMEO code ("0431" → "043").
func Base(code string) string {
	if len(code) < 3 {
		return code
	}
	return code[:3]
}
