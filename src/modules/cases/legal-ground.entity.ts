import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * The catalogue of legal grounds a case is shared on (docs/records.md): consent and the statutory
 * grounds, each in versions with the citation, the content categories it covers and when it is in
 * force. A share references the version it was made under, so a ground superseded by a new law
 * keeps what past shares cited. Rows are data: a new version is added (seeded by a migration or
 * `supersedeLegalGround`), never edited away.
 */
@Entity()
@Unique(['code', 'version'])
@Check('legal_ground_validity', `"valid_to" IS NULL OR "valid_to" > "valid_from"`)
@Check('legal_ground_kind', `"kind" IN ('CONSENT', 'STATUTORY')`)
export class LegalGround {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** The ground's stable code: a StatutoryGround value, or CONSENT. The access rule keys its scope on it. */
  @Column({ type: 'text' }) code: string;
  @Column({ type: 'integer' }) version: number;
  /** CONSENT or STATUTORY (LegalBasisKind). */
  @Column({ type: 'text' }) kind: string;
  /** The provision, e.g. "OSL (2009:400) 10 kap. 18 c §". */
  @Column({ type: 'text' }) citation: string;
  /** What the ground is, in Swedish, for people. */
  @Column({ type: 'text' }) title: string;
  /** The content categories it covers (NOTE, TASK, MEETING, ASSESSMENT); a consent's scope narrows it. */
  @Column({ type: 'text', array: true }) categories: string[];
  /** In force from this Swedish date (inclusive) … */
  @Column({ type: 'date' }) validFrom: string;
  /** … to this one (exclusive); null: still in force. */
  @Column({ type: 'date', nullable: true }) validTo: string | null;
  /** The version that replaced it. */
  @Column({ type: 'uuid', nullable: true }) supersededById: string | null;
  @ManyToOne(() => LegalGround, { onDelete: 'RESTRICT' }) @JoinColumn() supersededBy?: LegalGround;
}
