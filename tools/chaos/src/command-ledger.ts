/** A command the gateway answered 2xx, with what it must have caused. */
export type AnsweredCommand =
  | { kind: 'plan.create'; tenant: string; pilotAreaId: string; planId: string }
  | { kind: 'plan.sign'; tenant: string; planId: string }
  | { kind: 'plan.submit'; tenant: string; planId: string; submission: number }
  | { kind: 'case.decide'; tenant: string; planId: string; caseId: string; decision: 'return' | 'approve' };

/** Every command sent, how it was answered, and when (recovery times are read from it). */
export class CommandLedger {
  readonly answered: AnsweredCommand[] = [];
  /** answers other than 2xx, by code: each was retried until its effect was there */
  readonly refused = new Map<string, number>();
  sent = 0;
  lastAnsweredAt = 0;
  private readonly waiting: { after: number; resolve: (at: number) => void }[] = [];

  record(command: AnsweredCommand): void {
    this.answered.push(command);
    this.lastAnsweredAt = performance.now();
    for (const w of this.waiting.splice(0)) {
      if (this.lastAnsweredAt >= w.after) w.resolve(this.lastAnsweredAt);
      else this.waiting.push(w);
    }
  }

  refuse(code: string): void {
    this.refused.set(code, (this.refused.get(code) ?? 0) + 1);
  }

  /** When the first command after `after` (a performance.now() time) is answered 2xx. */
  firstAnswerAfter(after: number): Promise<number> {
    if (this.lastAnsweredAt >= after) return Promise.resolve(this.lastAnsweredAt);
    return new Promise((resolve) => this.waiting.push({ after, resolve }));
  }
}
