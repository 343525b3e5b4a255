/**
 * A letter document shown on screen and on paper: rendered from the document model as
 * text only. Nothing typed by a nurse is ever markup: every string is a React text child,
 * `dir="auto"` lets a right-to-left account read in its own direction without reordering
 * the page, and long words wrap (app-preserve-text).
 */
import type { ReactNode } from 'react';
import type { LetterBlock, LetterDocument } from '../../domain/letters/model';
import { EMPTY_SLOT_TEXT } from '../../domain/letters/render-text';

type Level = 1 | 2;

function Heading({ level, children, className, id }: { level: 1 | 2 | 3; children: ReactNode; className?: string; id?: string }) {
  if (level === 1) return <h1 className={className} id={id}>{children}</h1>;
  if (level === 2) return <h2 className={className} id={id}>{children}</h2>;
  return <h3 className={className} id={id}>{children}</h3>;
}

function Text({ children, className = '' }: { children: string; className?: string }) {
  return (
    <p className={`app-preserve-text ${className}`.trim()} dir="auto">
      {children}
    </p>
  );
}

function Block({ block }: { block: LetterBlock }) {
  switch (block.type) {
    case 'paragraph':
      return <Text>{block.text}</Text>;
    case 'list':
      return (
        <ul className="app-letter__list">
          {block.items.map((item, index) => (
            <li key={index} className="app-preserve-text" dir="auto">
              {item}
            </li>
          ))}
        </ul>
      );
    case 'rows':
      return (
        <dl className="app-letter__rows">
          {block.rows.map((row, index) => (
            <div className="app-letter__row" key={`${row.key}-${index}`}>
              <dt dir="auto">{row.key}</dt>
              <dd>
                {row.value.map((line, lineIndex) => (
                  <span key={lineIndex} className="app-summary-line" dir="auto">
                    {line}
                  </span>
                ))}
              </dd>
            </div>
          ))}
        </dl>
      );
    case 'quote':
      return (
        <figure className="app-letter__quote">
          <figcaption dir="auto">{block.attribution}</figcaption>
          <blockquote className="app-preserve-text" dir="auto">
            “{block.text}”
          </blockquote>
        </figure>
      );
    case 'slot':
      return (
        <div className="app-letter__slot">
          <p className="app-letter__slot-label">{block.label}</p>
          {block.text === '' ? <p className="app-letter__slot-empty">{EMPTY_SLOT_TEXT}</p> : <Text>{block.text}</Text>}
        </div>
      );
  }
}

/**
 * The letter. `level` is the heading level of the letter's title: 1 on the print view (the
 * letter is the page), 2 when it is a preview under the page's own heading.
 */
export function LetterView({ document, level }: { document: LetterDocument; level: Level }) {
  const sectionLevel = (level + 1) as 2 | 3;
  return (
    <article className="app-letter" aria-labelledby="letter-title">
      <header className="app-letter__header">
        <p className="app-letter__site" dir="auto">
          {document.from.lines.join(', ')}
        </p>
        <Heading level={level} className="app-letter__title" id="letter-title">
          {document.title}
        </Heading>
        <p className="app-letter__marking">{document.marking}</p>
        <dl className="app-letter__rows">
          <div className="app-letter__row">
            <dt>To</dt>
            <dd>
              <span className="app-summary-line">{document.recipient.role}</span>
              {document.recipient.lines.map((line, index) => (
                <span className="app-summary-line" dir="auto" key={index}>
                  {line}
                </span>
              ))}
            </dd>
          </div>
          <div className="app-letter__row">
            <dt>Patient</dt>
            <dd dir="auto">{document.patientLine}</dd>
          </div>
          <div className="app-letter__row">
            <dt>Date</dt>
            <dd>{document.dated}</dd>
          </div>
        </dl>
      </header>
      {document.sections.map((section) => (
        <section key={section.id} className="app-letter__section" aria-labelledby={`letter-section-${section.id}`}>
          <Heading level={sectionLevel} className="app-letter__heading" id={`letter-section-${section.id}`}>
            {section.heading}
          </Heading>
          {section.blocks.map((block, index) => (
            <Block key={index} block={block} />
          ))}
        </section>
      ))}
    </article>
  );
}
