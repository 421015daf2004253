package reader_test

import (
	"context"
	"fmt"

	"eventwire/reader"
)

func ExampleReader_Clean() {
	r, err := reader.New(reader.WithStages()) // clean-up only
	if err != nil {
		panic(err)
	}
	raw := []byte("Kerry urges truce\n\nCAIRO: Egypt`s plan is a &quot;framework&quot;, Kerry said.\n\nBy continuing to use the site, you agree to the use of cookies.")
	d, err := r.Clean(context.Background(), "report.txt", raw, reader.Meta{})
	if err != nil {
		panic(err)
	}
	fmt.Println(d.Title)
	fmt.Println(d.Dateline)
	fmt.Println(d.Paragraphs)
	// Output:
	// Kerry urges truce
	// Cairo
	// [Egypt's plan is a "framework", Kerry said.]
}

func ExampleReader_Records() {
	r, err := reader.New(reader.WithStages())
	if err != nil {
		panic(err)
	}
	jsonl := []byte(`{"title":"One","text":"First story."}
{"title":"Two"
{"title":"Three","text":"Third story.","source":"Ex"}`)
	for rec := range r.Records(context.Background(), "feed.jsonl", jsonl, reader.Meta{}, false) {
		if rec.Err != nil {
			fmt.Println(rec.Input, "error")
			continue
		}
		fmt.Println(rec.Input, rec.Doc.Title)
	}
	// Output:
	// feed.jsonl#0 One
	// feed.jsonl#1 error
	// feed.jsonl#2 Three
}
