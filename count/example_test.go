package count_test

import (
	"context"
	"fmt"

	"eventwire/count"
	"eventwire/doc"
	"eventwire/segment"
)

func Example() {
	d := doc.New("", []string{"The violence has killed more than 600 Palestinians and 29 Israelis. A ground invasion could kill thousands."})
	segment.New().Process(context.Background(), d)
	count.New().Process(context.Background(), d)
	for _, c := range d.Counts {
		fmt.Printf("%s %q %v %q\n", c.Type, c.Qualifier, c.Number, c.Object)
	}
	// Output:
	// KILL "more than" 600 "Palestinians"
	// KILL "" 29 "Israelis"
}
