// Package pipeline runs an ordered list of stages over a document. Each stage
// reads the layers earlier stages produced and adds its own, in the manner of
// spaCy's pipeline components.
package pipeline

import (
	"context"
	"fmt"
	"strings"

	"eventwire/doc"
)

// Stage is one component of the pipeline. Process must be safe to call from
// several goroutines at once: models are loaded when the stage is built, and
// Process keeps no state between calls.
type Stage interface {
	// Name identifies the stage ("segment", "ner", "quotes").
	Name() string
	// Process adds the stage's layer to d.
	Process(ctx context.Context, d *doc.Document) error
}

// Layers is implemented by stages that declare which layers they need and
// which they add; New checks the order with it.
type Layers interface {
	Needs() []string
	Adds() []string
}

// Pipeline is an ordered list of stages.
type Pipeline struct {
	stages []Stage
}

// New builds a pipeline and checks that each stage's needs are added by an
// earlier stage (for stages that declare them). Layers the reader fills
// before the pipeline runs ("text") count as present.
func New(stages ...Stage) (*Pipeline, error) {
	have := map[string]bool{"text": true}
	for _, s := range stages {
		if l, ok := s.(Layers); ok {
			for _, n := range l.Needs() {
				if !have[n] {
					return nil, fmt.Errorf("pipeline: stage %q needs layer %q, which no earlier stage adds", s.Name(), n)
				}
			}
			for _, a := range l.Adds() {
				have[a] = true
			}
		}
	}
	return &Pipeline{stages: stages}, nil
}

// Names lists the stage names in order.
func (p *Pipeline) Names() []string {
	out := make([]string, len(p.stages))
	for i, s := range p.stages {
		out[i] = s.Name()
	}
	return out
}

// String describes the pipeline ("segment > tag > parse").
func (p *Pipeline) String() string { return strings.Join(p.Names(), " > ") }

// Run passes d through every stage in order, stopping at the first error or
// when ctx is done.
func (p *Pipeline) Run(ctx context.Context, d *doc.Document) error {
	for _, s := range p.stages {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := s.Process(ctx, d); err != nil {
			return fmt.Errorf("stage %s: %w", s.Name(), err)
		}
	}
	return nil
}
