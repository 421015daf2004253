// Package reader is eventwire's public face for reading articles: it
// detects the input's format from its content (plain text, HTML, JSON,
// JSONL, gzip-compressed or not), decodes it, extracts the main text and
// metadata of web pages (package extract), cleans the text (package clean)
// and runs the analysis pipeline (reader/stages.go), returning a
// doc.Document with every layer filled.
//
// Build one Reader with New and share it; it is safe for concurrent use.
//
//	r, err := reader.New()                       // loads every stage's model once
//	d, err := r.Read(ctx, reader.Input{Name: "kerry-gaza.txt"})
//	d, err := r.ReadBytes(ctx, name, raw, reader.Meta{URL: u, Published: t})
//
// Entry points, from most to least work:
//
//   - Read and ReadBytes read one article and run the pipeline.
//   - Records yields every article of an input: one for text, HTML and
//     JSON, one per record for JSONL files and JSON arrays. A record that
//     cannot be read comes with its error (Record.Err) and the next is
//     read; Record.Input names it "path#N".
//   - Clean stops before the analysis stages (no sentences, entities...);
//     Analyze runs them on a clean record. The extraction evaluation and
//     the ingest benchmarks use Clean to time reading alone.
//
// Meta carries what the caller knows and the input may lack (URL, source,
// publication time, HTTP Content-Type); it never overrides what the input
// itself says.
//
// Bad input gives a one-line error naming the input, never a panic: empty
// input (ErrEmpty), binary data (ErrBinary), inputs over the byte limits
// (ErrTooLarge: 64 MiB decompressed, 16 MiB for one article; gzip bombs
// stop at the limit), truncated gzip, broken JSON. A web page with no body
// gives a valid record with its title and no paragraphs.
package reader
