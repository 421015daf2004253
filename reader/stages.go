package reader

import (
	"eventwire/count"
	"eventwire/date"
	"eventwire/entity"
	"eventwire/event"
	"eventwire/ner"
	"eventwire/parse"
	"eventwire/pipeline"
	"eventwire/quote"
	"eventwire/segment"
	"eventwire/tag"
	"eventwire/tone"
)

// defaultStages builds the analysis stages that run after clean-up, in
// order, loading each stage's model once. Each stage adds one line here when
// it lands: segment, tag, parse, ner, entity, quote, event, count, date, tone.
func defaultStages() ([]pipeline.Stage, error) {
	var stages []pipeline.Stage
	stages = append(stages, segment.New())
	tagStage, err := tag.New()
	if err != nil {
		return nil, err
	}
	stages = append(stages, tagStage)
	parseStage, err := parse.New()
	if err != nil {
		return nil, err
	}
	stages = append(stages, parseStage)
	nerStage, err := ner.New()
	if err != nil {
		return nil, err
	}
	stages = append(stages, nerStage)
	entityStage, err := entity.New()
	if err != nil {
		return nil, err
	}
	stages = append(stages, entityStage)
	stages = append(stages, quote.New())
	eventStage, err := event.New()
	if err != nil {
		return nil, err
	}
	stages = append(stages, eventStage)
	stages = append(stages, count.New(), date.New()) // after entity: counts take its places
	toneStage, err := tone.New()
	if err != nil {
		return nil, err
	}
	stages = append(stages, toneStage)
	return stages, nil
}
