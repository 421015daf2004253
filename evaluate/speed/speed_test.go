package speed

import (
	"context"
	"strings"
	"testing"
	"time"

	"eventwire/doc"
	"eventwire/internal/shared"
	"eventwire/pipeline"
)

// sleeper is a stage that takes a fixed time.
type sleeper struct {
	name string
	d    time.Duration
}

func (s sleeper) Name() string { return s.name }
func (s sleeper) Process(ctx context.Context, d *doc.Document) error {
	time.Sleep(s.d)
	return nil
}

func TestMeasure(t *testing.T) {
	arts := []Article{{Name: "a", Raw: []byte("A\n\nb c")}, {Name: "b", Raw: []byte("B\n\nd e")}}
	st := sleeper{"slow", 5 * time.Millisecond}
	read := func(ctx context.Context, a Article) (*doc.Document, error) {
		time.Sleep(20 * time.Millisecond) // the rest of the read
		st.Process(ctx, nil)              // the stage under test, inside the read
		d := doc.New(string(a.Raw[:1]), []string{string(a.Raw[3:])})
		d.Tokens = make([]doc.Token, 3)
		return d, nil
	}
	res, err := Measure(context.Background(), arts, read, nil, 1)
	if err != nil {
		t.Fatal(err)
	}
	if res.Share != 0 || res.Tokens != 6 || res.Articles != 2 {
		t.Errorf("no stages: %+v", res)
	}
	res, err = Measure(context.Background(), arts, read, []pipeline.Stage{st}, 2)
	if err != nil {
		t.Fatal(err)
	}
	// The stage's own time is counted inside the read and again alone.
	if res.Stages["slow"] < 10*time.Millisecond || res.Added != res.Stages["slow"] || res.Read <= res.Added {
		t.Errorf("times: %+v", res)
	}
	if want := float64(res.Added) / float64(res.Read-res.Added); res.Share != want {
		t.Errorf("share = %v, want Added/(Read-Added) = %v", res.Share, want)
	}
	var b strings.Builder
	res.Print(&b)
	if !strings.Contains(b.String(), "added by slow") {
		t.Errorf("Print = %q", b.String())
	}
}

func TestLoadTarGz(t *testing.T) {
	p := shared.Require(t, "corpus", "bbc-2225", "bbc-fulltext.tar.gz")
	arts, err := LoadTarGz(p, 5)
	if err != nil {
		t.Fatal(err)
	}
	if len(arts) != 5 {
		t.Fatalf("got %d articles, want 5", len(arts))
	}
	for _, a := range arts {
		if !strings.HasSuffix(a.Name, ".txt") || len(a.Raw) == 0 {
			t.Errorf("article %q: %d bytes", a.Name, len(a.Raw))
		}
	}
}
