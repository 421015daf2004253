package ner_test

import (
	"fmt"
	"strings"

	"eventwire/ner"
)

func ExampleTagger_Tag() {
	t, err := ner.LoadTagger()
	if err != nil {
		fmt.Println(err)
		return
	}
	words := strings.Fields("US Secretary of State John Kerry met Egyptian President Abdel Fattah al-Sisi in Cairo .")
	for _, e := range t.Tag([][]string{words})[0] {
		fmt.Println(e.Type, strings.Join(words[e.Start:e.End], " "))
	}
	// Output:
	// LOC US
	// PER John Kerry
	// MISC Egyptian
	// PER Abdel Fattah al-Sisi
	// LOC Cairo
}
