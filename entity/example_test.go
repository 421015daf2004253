package entity_test

import (
	"context"
	"fmt"
	"strings"

	"eventwire/doc"
	"eventwire/entity"
)

func ExampleStage_Process() {
	s, err := entity.New()
	if err != nil {
		panic(err)
	}
	d := doc.New("Kerry in Cairo", []string{
		"US Secretary of State John Kerry met Egyptian President Abdel Fattah al-Sisi in Cairo.",
		"The top US diplomat said he would return. Sisi thanked him.",
	})
	// The recogniser's names, in order, as package ner would mark them.
	at := 0
	for _, n := range []struct{ text, label string }{
		{"Kerry", "PER"}, {"Cairo", "LOC"}, {"John Kerry", "PER"}, {"Abdel Fattah al-Sisi", "PER"},
		{"Cairo", "LOC"}, {"Sisi", "PER"},
	} {
		i := at + strings.Index(d.Text[at:], n.text)
		at = i + len(n.text)
		d.Names = append(d.Names, doc.Name{Span: doc.Span{Start: i, End: at}, Label: n.label})
	}
	if err := s.Process(context.Background(), d); err != nil {
		panic(err)
	}
	for _, e := range d.Entities {
		var ms []string
		for _, m := range e.Mentions {
			ms = append(ms, m.Text)
		}
		fmt.Printf("%s %s %q role=%q country=%s cameo=%s %q\n", e.ID, e.Type, e.Name, e.Role, e.Country, e.CAMEO, ms)
	}
	// Output:
	// e1 PERSON "John Kerry" role="Secretary of State" country=USA cameo=USAGOV ["Kerry" "US Secretary of State John Kerry" "The top US diplomat" "he" "him"]
	// e2 LOCATION "Cairo" role="" country=EGY cameo=EGY ["Cairo" "Cairo"]
	// e3 LOCATION "United States" role="" country=USA cameo=USA ["US" "US"]
	// e4 PERSON "Abdel Fattah al-Sisi" role="President" country=EGY cameo=EGYGOV ["Egyptian President Abdel Fattah al-Sisi" "Sisi"]
	// e5 GROUP "Egyptians" role="" country=EGY cameo=EGY ["Egyptian"]
}
