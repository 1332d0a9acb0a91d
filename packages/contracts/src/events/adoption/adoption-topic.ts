/** The topic of the adoption aggregate (owned by the practices service). */
export const adoptionTopic = 'practices.adoption';
