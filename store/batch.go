package store

import (
	"context"

	"eventwire/doc"
)

// Batcher is implemented by stores that can put many documents in one
// transaction, which is much faster than one Put each. Ingest uses it when
// the store has it.
type Batcher interface {
	// PutBatch puts each document as Put would, all in one transaction.
	// errs[i] is the error of docs[i] alone (that document is not stored;
	// the others are); err reports a failure of the whole batch, in which
	// case nothing is stored.
	PutBatch(ctx context.Context, docs []*doc.Document) (results []PutResult, errs []error, err error)
}
