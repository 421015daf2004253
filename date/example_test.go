package date_test

import (
	"context"
	"fmt"
	"time"

	"eventwire/date"
	"eventwire/doc"
	"eventwire/segment"
)

func Example() {
	d := doc.New("", []string{"Kerry on Tuesday urged Hamas to accept a truce. Sisi overthrew the Brotherhood last year."})
	d.Published = time.Date(2014, 7, 22, 0, 0, 0, 0, time.UTC)
	segment.New().Process(context.Background(), d)
	date.New().Process(context.Background(), d)
	for _, dt := range d.Dates {
		fmt.Printf("%q %s\n", dt.Text, dt.Value)
	}
	fmt.Println("event in sentence 1:", date.ForSentence(d, 1))
	// Output:
	// "on Tuesday" 2014-07-22
	// "last year" 2013
	// event in sentence 1: 2013
}
