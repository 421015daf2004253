package tag

import (
	"context"
	"os"
	"sort"
	"testing"

	"eventwire/internal/conllu"
)

func TestExperiment(t *testing.T) {
	if os.Getenv("TAGEXP") == "" {
		t.Skip()
	}
	train, _ := conllu.ReadFile("/work/shared/ud/en_ewt/en_ewt-ud-train.conllu")
	dev, _ := conllu.ReadFile("/work/shared/ud/en_ewt/en_ewt-ud-dev.conllu")
	cl, err := LoadClusters()
	if err != nil {
		t.Fatal(err)
	}
	tg, err := Train(context.Background(), train, dev, Options{Epochs: 6, Log: os.Stderr, Clusters: cl})
	if err != nil {
		t.Fatal(err)
	}
	sc := Evaluate(tg, dev)
	confusion(t, tg, dev)
	t.Logf("UPOS %.2f XPOS %.2f lemma %.2f feats %d weights %d", sc.UPOSAcc(), sc.XPOSAcc(), sc.LemmaAcc(), tg.model.Features(), tg.model.Weights())
}

func confusion(t *testing.T, tg *Tagger, dev []conllu.Sentence) {
	conf := map[string]int{}
	for _, s := range dev {
		var words []string
		for _, w := range s.Words {
			words = append(words, w.Form)
		}
		up, _ := tg.Tags(words)
		for i, w := range s.Words {
			if up[i] != w.UPOS {
				conf[w.UPOS+">"+up[i]]++
			}
		}
	}
	type kv struct {
		k string
		v int
	}
	var l []kv
	for k, v := range conf {
		l = append(l, kv{k, v})
	}
	sort.Slice(l, func(i, j int) bool { return l[i].v > l[j].v })
	for i := 0; i < 25 && i < len(l); i++ {
		t.Logf("%s %d", l[i].k, l[i].v)
	}
}
