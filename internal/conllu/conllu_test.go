package conllu

import (
	"bytes"
	"strings"
	"testing"

	"eventwire/internal/shared"
)

const sample = `# sent_id = s1
# text = I don't know.
1	I	I	PRON	PRP	_	4	nsubj	_	_
2-3	don't	_	_	_	_	_	_	_	_
2	do	do	AUX	VBP	_	4	aux	_	_
3	n't	not	PART	RB	_	4	advmod	_	_
4	know	know	VERB	VB	_	0	root	_	_
4.1	ghost	_	_	_	_	_	_	_	_
5	.	.	PUNCT	.	_	4	punct	_	_

1	Hi	hi	INTJ	UH	_	0	root	_	_
`

func TestRead(t *testing.T) {
	sents, err := Read(strings.NewReader(sample))
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 2 {
		t.Fatalf("got %d sentences, want 2", len(sents))
	}
	s := sents[0]
	if s.ID != "s1" || s.Text != "I don't know." || len(s.Words) != 5 {
		t.Fatalf("sentence 1 = %+v", s)
	}
	w := s.Words[2]
	if w.Form != "n't" || w.Lemma != "not" || w.UPOS != "PART" || w.XPOS != "RB" || w.Head != 4 || w.Deprel != "advmod" {
		t.Errorf("word 3 = %+v", w)
	}
	var buf bytes.Buffer
	if err := Write(&buf, sents); err != nil {
		t.Fatal(err)
	}
	again, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != 2 || again[0].Words[3] != s.Words[3] {
		t.Errorf("round trip lost data: %+v", again)
	}
}

func TestReadErrors(t *testing.T) {
	for _, in := range []string{
		"1\tx\n",
		"x\ta\ta\tX\tX\t_\t0\troot\t_\t_\n",
		"2\ta\ta\tX\tX\t_\t0\troot\t_\t_\n",
		"1\ta\ta\tX\tX\t_\tz\troot\t_\t_\n",
	} {
		if _, err := Read(strings.NewReader(in)); err == nil {
			t.Errorf("Read(%q): no error", in)
		}
	}
}

func TestEWT(t *testing.T) {
	p := shared.Require(t, "ud", "en_ewt", "en_ewt-ud-dev.conllu")
	sents, err := ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) < 1000 {
		t.Errorf("only %d sentences in EWT dev", len(sents))
	}
}
