import { App } from 'antd';
import { useCallback, useState, type ReactNode } from 'react';
import type { Stage } from '../../../core/stages.js';
import { useApiFeedback } from '../../components/useApiFeedback.js';
import { useI18n } from '../../i18n/i18n.js';
import { useCurrentUser } from '../../layout/current-user.js';
import { can } from '../../lib/access.js';
import { stageLabel } from '../projects/project-labels.js';
import { useProject } from '../projects/projects.queries.js';
import { TransitionModal } from '../projects/TransitionModal.js';
import type { CompleteResult } from './milestones.queries.js';

interface Target {
  projectId: string;
  stage: Stage;
  date: string;
}

/** The stage-transition form for a project, once the project is loaded. */
function PrefilledTransition({ target, onClose }: { target: Target; onClose: () => void }) {
  const { t, lang } = useI18n();
  const project = useProject(target.projectId);
  const { showSuccess } = useApiFeedback();
  if (!project.data) return null;
  return (
    <TransitionModal
      project={project.data}
      to={target.stage}
      date={target.date}
      onClose={onClose}
      onDone={(p) => {
        onClose();
        showSuccess(t('projects.transition.done', { name: p.name, stage: stageLabel(p.stage, lang) }));
      }}
    />
  );
}

/**
 * Completing a milestone that marks a stage (开工, 竣工, 投产) ahead of the project's offers to
 * move the project there — through the ordinary stage-transition form, pre-filled with that
 * stage and the milestone's date, so the stage rules, evidence and audit stay in one place.
 * Roles that may not change stages get no offer.
 */
export function useStageOffer(): { offer: (result: CompleteResult) => void; element: ReactNode } {
  const { t, lang } = useI18n();
  const { modal } = App.useApp();
  const me = useCurrentUser();
  const [target, setTarget] = useState<Target | null>(null);
  const allowed = can(me.role, 'POST /api/projects/:id/transitions');
  const offer = useCallback(
    (r: CompleteResult) => {
      const stage = r.suggestedStage;
      if (!stage || !allowed || !r.milestone.actualDate) return;
      const next = { projectId: r.milestone.projectId, stage, date: r.milestone.actualDate };
      void modal.confirm({
        title: t('ms.offer.title', { stage: stageLabel(stage, lang) }),
        content: t('ms.offer.body', { name: r.milestone.name, date: next.date, stage: stageLabel(stage, lang) }),
        okText: t('ms.offer.ok'),
        cancelText: t('ms.offer.later'),
        onOk: () => setTarget(next),
      });
    },
    [allowed, modal, t, lang],
  );
  return { offer, element: target ? <PrefilledTransition target={target} onClose={() => setTarget(null)} /> : null };
}
