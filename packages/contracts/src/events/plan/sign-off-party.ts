import { z } from 'zod';

/** The two parties that sign a plan before it is submitted. */
export const signOffParties = ['pilot-area', 'province'] as const;
export const signOffPartySchema = z.enum(signOffParties);
export type SignOffParty = z.infer<typeof signOffPartySchema>;
