import bcrypt from "bcryptjs";

// bcrypt cost 11: about 0.1 s per check on this machine class, slow enough for offline guessing,
// fast enough that a sign-in never feels slow.
const COST = 11;
export const MIN_PASSWORD_LENGTH = 10;

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export function verifyPassword(password: string, hash: string): Promise<boolean> {
  return bcrypt.compare(password, hash);
}

// Compared against when the e-mail is unknown, so an unknown e-mail costs the same time as a wrong
// password and response timing does not reveal which accounts exist.
const UNKNOWN_USER_HASH = bcrypt.hashSync("bellhop-unknown-user-timing-equaliser", COST);

export async function burnPasswordCheck(password: string): Promise<void> {
  await bcrypt.compare(password, UNKNOWN_USER_HASH);
}
