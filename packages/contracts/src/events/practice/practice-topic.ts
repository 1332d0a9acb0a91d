/** The topic of the exemplary practice aggregate (owned by the practices service). */
export const practiceTopic = 'practices.practice';
