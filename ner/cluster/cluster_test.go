package cluster

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestReadWinkJSON(t *testing.T) {
	in := `{"precision":8,"dimensions":2,"words":["a","b","c"],"vectors":{"b":[0,1,1,1],"a":[1,0,1,0],"zz":[5,5,1,9],"c":[1,1,1,2]},"unkVector":[0,0]}`
	v, err := ReadWinkJSON(strings.NewReader(in), 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(v.Words) != 2 || v.Dim != 2 {
		t.Fatalf("got %d words of %d dims", len(v.Words), v.Dim)
	}
	want := []float32{1, 0, 0, 1}
	for i, x := range want {
		if v.Data[i] != x {
			t.Fatalf("data = %v, want %v", v.Data, want)
		}
	}
}

func TestBuildSeparatesGroups(t *testing.T) {
	// Two tight groups of directions: words of one group must share the
	// first digit of their paths, and the groups must differ.
	v := &Vectors{Dim: 3}
	for i := 0; i < 20; i++ {
		e := float32(i%5) * 0.01
		if i%2 == 0 {
			v.Words = append(v.Words, "x"+string(rune('a'+i)))
			v.Data = append(v.Data, 1, e, 0)
		} else {
			v.Words = append(v.Words, "y"+string(rune('a'+i)))
			v.Data = append(v.Data, 0, e, 1)
		}
	}
	entries, err := Build(context.Background(), v, Options{Words: 20, Branch: 2, Depth: 3, Iterations: 10, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	first := map[byte]map[byte]bool{}
	for _, e := range entries {
		if e.Path == "" {
			t.Fatalf("%s has no path", e.Word)
		}
		if first[e.Word[0]] == nil {
			first[e.Word[0]] = map[byte]bool{}
		}
		first[e.Word[0]][e.Path[0]] = true
	}
	if len(first['x']) != 1 || len(first['y']) != 1 {
		t.Fatalf("groups split at the root: %v", first)
	}
	for d := range first['x'] {
		if first['y'][d] {
			t.Errorf("both groups under root child %c", d)
		}
	}
	var b bytes.Buffer
	if err := Write(&b, entries); err != nil {
		t.Fatal(err)
	}
	tab, err := Read(&b)
	if err != nil {
		t.Fatal(err)
	}
	info, ok := tab.Lookup(entries[3].Word)
	if !ok || info.Rank != 3 || info.Path != entries[3].Path || tab.Len() != 20 {
		t.Errorf("lookup = %+v, %v (len %d)", info, ok, tab.Len())
	}
}
