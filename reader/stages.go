package reader

import (
	"eventwire/pipeline"
	"eventwire/segment"
)

// defaultStages builds the analysis stages that run after clean-up, in
// order, loading each stage's model once. Each stage adds one line here when
// it lands: segment, tag, parse, ner, entity, quote, event, count, date, tone.
func defaultStages() ([]pipeline.Stage, error) {
	var stages []pipeline.Stage
	stages = append(stages, segment.New())
	return stages, nil
}
