package pipeline

import (
	"context"
	"errors"
	"strings"
	"testing"

	"eventwire/doc"
)

// stage is a test stage that records its name in the document's Source.
type stage struct {
	name        string
	needs, adds []string
	err         error
}

func (s stage) Name() string    { return s.name }
func (s stage) Needs() []string { return s.needs }
func (s stage) Adds() []string  { return s.adds }
func (s stage) Process(ctx context.Context, d *doc.Document) error {
	if s.err != nil {
		return s.err
	}
	d.Source += s.name + ";"
	return nil
}

func TestNewChecksOrder(t *testing.T) {
	seg := stage{name: "segment", needs: []string{"text"}, adds: []string{"tokens"}}
	ner := stage{name: "ner", needs: []string{"tokens"}, adds: []string{"names"}}
	ent := stage{name: "entity", needs: []string{"names"}, adds: []string{"entities"}}
	tests := []struct {
		name    string
		stages  []Stage
		wantErr string
	}{
		{"in order", []Stage{seg, ner, ent}, ""},
		{"empty", nil, ""},
		{"need added later", []Stage{seg, ent, ner}, `stage "entity" needs layer "names"`},
		{"need never added", []Stage{ner}, `stage "ner" needs layer "tokens"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.stages...)
			if tt.wantErr == "" && err != nil {
				t.Fatalf("New: %v", err)
			}
			if tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("New error = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestRun(t *testing.T) {
	boom := errors.New("boom")
	tests := []struct {
		name    string
		stages  []Stage
		cancel  bool
		want    string
		wantErr error
	}{
		{"runs in order", []Stage{stage{name: "a"}, stage{name: "b"}}, false, "a;b;", nil},
		{"stops at an error", []Stage{stage{name: "a"}, stage{name: "b", err: boom}, stage{name: "c"}}, false, "a;", boom},
		{"stops when cancelled", []Stage{stage{name: "a"}}, true, "", context.Canceled},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := New(tt.stages...)
			if err != nil {
				t.Fatal(err)
			}
			ctx, cancel := context.WithCancel(context.Background())
			if tt.cancel {
				cancel()
			} else {
				defer cancel()
			}
			d := &doc.Document{}
			err = p.Run(ctx, d)
			if !errors.Is(err, tt.wantErr) {
				t.Fatalf("Run error = %v, want %v", err, tt.wantErr)
			}
			if d.Source != tt.want {
				t.Errorf("stages ran %q, want %q", d.Source, tt.want)
			}
		})
	}
	p, _ := New(stage{name: "a"}, stage{name: "b"})
	if got := p.String(); got != "a > b" {
		t.Errorf("String = %q", got)
	}
}
