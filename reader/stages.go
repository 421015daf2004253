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
	// The tagger and the recogniser share one word-cluster table.
	clusters, err := tag.LoadClusters()
	if err != nil {
		return nil, err
	}
	tagger, err := tag.LoadWith(clusters)
	if err != nil {
		return nil, err
	}
	stages = append(stages, tag.NewStage(tagger))
	parser, err := parse.Load()
	if err != nil {
		return nil, err
	}
	stages = append(stages, parse.NewStage(parser))
	recogniser, err := ner.LoadTaggerWith(clusters)
	if err != nil {
		return nil, err
	}
	stages = append(stages, ner.NewWithTagger(recogniser))
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
