/**
 * The experiment area under the lab: the run panel on the left, the live charts on the
 * right. Every chart reserves its height, so results streaming in never move anything.
 */
import { useResultsView } from '../../state/run-store';
import { AccuracyChart } from '../Charts/AccuracyChart';
import { ClassAccuracyChart, ConfusionDifferenceChart } from '../Charts/ClassAccuracyChart';
import { EmbeddingChart } from '../Charts/EmbeddingChart';
import { KlomChart } from '../Charts/KlomChart';
import { MarginStrip } from '../Charts/MarginStrip';
import { PopulationMiaChart, RocChart } from '../Charts/MiaCharts';
import { ScenarioChart } from '../Charts/ScenarioChart';
import { SummaryTable } from '../Charts/SummaryTable';
import { TradeoffChart } from '../Charts/TradeoffChart';
import chartStyles from '../Charts/Charts.module.css';
import { ResultsHeadline } from '../Headline/ResultsHeadline';
import { ScoreMarginsCard } from '../ScoreMargins/ScoreMarginsCard';
import { PanelBoundary } from '../PanelBoundary/PanelBoundary';
import { RunPanel } from './RunPanel';
import styles from './Experiment.module.css';

export function ExperimentSection() {
  const view = useResultsView();
  return (
    <div className={styles.section} id="experiment" data-testid="experiment-section">
      <PanelBoundary name="experiment controls">
        <RunPanel />
      </PanelBoundary>
      <PanelBoundary name="experiment results">
        <div className={chartStyles.grid} data-testid="experiment-charts" data-methods={view?.methods.length ?? 0}>
          <ResultsHeadline results={view} />
          <SummaryTable results={view} />
          <AccuracyChart results={view} />
          <ClassAccuracyChart results={view} />
          <ConfusionDifferenceChart results={view} />
          <EmbeddingChart results={view} />
          <KlomChart results={view} />
          <RocChart results={view} />
          <PopulationMiaChart results={view} />
          <TradeoffChart results={view} />
          <ScenarioChart results={view} />
          <MarginStrip results={view} />
          <ScoreMarginsCard />
        </div>
      </PanelBoundary>
    </div>
  );
}
