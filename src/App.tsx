/**
 * The lab's page layout: header, then three columns on a laptop screen: the data, the
 * experiment's settings (model, training, N) and the learning curves. Narrower screens stack them.
 * Below the fold: the unlearning experiment (run panel and live charts).
 */
import { ExperimentSection } from './components/Experiment/ExperimentSection';
import { DatasetPanel } from './components/Dataset/DatasetPanel';
import { ForgetPanel } from './components/Forget/ForgetPanel';
import { startForgetSync } from './components/Forget/forget-actions';
import { LessonCard } from './components/Lesson/LessonCard';
import { ShareBar } from './components/Share/ShareBar';
import { startShareLink } from './state/share-link-sync';
import { Header } from './components/Header/Header';
import { MessageBar } from './components/Messages/MessageBar';
import { PanelBoundary } from './components/PanelBoundary/PanelBoundary';
import { ResultsPanel } from './components/Results/ResultsPanel';
import { SettingsPanel } from './components/Settings/SettingsPanel';
import styles from './App.module.css';

// Before the first render and before startLab (main.tsx): the link's experiment is the page's state.
startShareLink();
startForgetSync();

export function App() {
  return (
    <>
      <div className={styles.app}>
        <Header />
        <MessageBar />
        <ShareBar />
        <LessonCard />
        <main className={styles.main}>
          <PanelBoundary name="training data">
            <DatasetPanel />
          </PanelBoundary>
          <PanelBoundary name="forget set">
            <ForgetPanel />
          </PanelBoundary>
          <PanelBoundary name="experiment settings">
            <SettingsPanel />
          </PanelBoundary>
          <PanelBoundary name="learning curves">
            <ResultsPanel />
          </PanelBoundary>
        </main>
      </div>
      <ExperimentSection />
    </>
  );
}
