/**
 * Shows domain prompts: escalations as warning callouts, the rest as inset text.
 * Announced politely when they appear, so a screen-reader user hears an escalation
 * triggered by the answer they just gave.
 */
import type { Prompt } from '../../domain/rules/prompt';
import { InsetText, WarningCallout } from '../../components/content/feedback';

export function PromptList({ prompts }: { prompts: readonly Prompt[] }) {
  return (
    <div aria-live="polite">
      {prompts.map((prompt) =>
        prompt.kind === 'escalate' ? (
          <WarningCallout key={prompt.id} title={prompt.title} id={`prompt-${prompt.id}`}>
            <p>{prompt.body}</p>
          </WarningCallout>
        ) : (
          <InsetText key={prompt.id}>
            <p>
              <strong>{prompt.title}.</strong> {prompt.body}
            </p>
          </InsetText>
        ),
      )}
    </div>
  );
}
