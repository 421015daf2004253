package tone_test

import (
	"context"
	"fmt"

	"eventwire/doc"
	"eventwire/segment"
	"eventwire/tone"
)

func Example() {
	d := doc.New("Ceasefire brings hope", []string{"The violence has killed hundreds, but we still have hope for peace."})
	segment.New().Process(context.Background(), d)
	s, err := tone.New()
	if err != nil {
		panic(err)
	}
	s.Process(context.Background(), d)
	fmt.Printf("tone %.2f positive %.2f negative %.2f words %d\n", d.Tone.Tone, d.Tone.Positive, d.Tone.Negative, d.Tone.WordCount)
	// Output:
	// tone 6.67 positive 20.00 negative 13.33 words 15
}
