import { describe, expect, it } from 'vitest';
import type { CorrectionStore, TrainingCorrection } from '../../core/ports/correction-store.js';

/** The same cases against every CorrectionStore implementation. */
export function correctionStoreContract(name: string, make: () => Promise<CorrectionStore>): void {
  const correction: TrainingCorrection = {
    platform: 'github',
    eventId: 'delivery-1',
    conversationKey: 'github:acme/widgets:7',
    kind: 'type',
    action: 'added',
    label: 'enhancement',
    category: 'feature-request',
    priority: null,
    predictedCategory: 'bug',
    text: 'Add dark mode',
    actorId: 'alice',
    at: 1000,
  };

  describe(`CorrectionStore contract: ${name}`, () => {
    it('lists nothing before the first correction', async () => {
      const s = await make();
      expect(await s.listCorrections()).toEqual([]);
    });

    it('records a correction once per event and lists it back, the first recording kept', async () => {
      const s = await make();
      expect(await s.recordCorrection(correction)).toBe('recorded');
      expect(await s.recordCorrection({ ...correction, label: 'bug', at: 2000 })).toBe('duplicate');
      const listed = await s.listCorrections();
      expect(listed).toEqual([{ id: expect.any(Number), ...correction }]);
      expect(Number.isInteger(listed[0]?.id)).toBe(true);
    });

    it('keys a correction by platform and event id: the same delivery id on another platform is another event', async () => {
      const s = await make();
      expect(await s.recordCorrection(correction)).toBe('recorded');
      expect(await s.recordCorrection({ ...correction, platform: 'slack' })).toBe('recorded');
      expect((await s.listCorrections()).map((c) => c.platform)).toEqual(['github', 'slack']);
    });

    it('lists oldest first, corrections of one instant in the order they were recorded, nulls kept', async () => {
      const s = await make();
      const priority: TrainingCorrection = {
        ...correction,
        eventId: 'delivery-2',
        kind: 'priority',
        action: 'removed',
        label: 'P0-critical',
        category: null,
        priority: 'critical',
        predictedCategory: null,
      };
      await s.recordCorrection({ ...correction, eventId: 'late', at: 3000 });
      await s.recordCorrection({ ...priority, at: 2000 });
      await s.recordCorrection({ ...correction, eventId: 'same-time', at: 2000 });
      const listed = await s.listCorrections();
      expect(listed.map((c) => c.eventId)).toEqual(['delivery-2', 'same-time', 'late']);
      expect(listed[0]).toEqual({ id: expect.any(Number), ...priority, at: 2000 });
      const ids = listed.map((c) => c.id);
      expect(ids[0]).toBeLessThan(ids[1] as number);
      expect(new Set(ids).size).toBe(3);
    });

    it('records one of two recordings of one event made at once', async () => {
      const s = await make();
      const results = await Promise.all([
        s.recordCorrection(correction),
        s.recordCorrection({ ...correction, label: 'bug' }),
      ]);
      expect(results.sort()).toEqual(['duplicate', 'recorded']);
      expect(await s.listCorrections()).toHaveLength(1);
    });
  });
}
