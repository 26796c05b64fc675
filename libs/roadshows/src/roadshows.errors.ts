import { defineErrors } from '@gv/core';

/** The error codes of roadshows and their HTTP statuses (text: `errors.<code>` in roadshows.messages.ts). */
export const RoadshowsError = defineErrors({
  roadshow_locked: 409,
  roadshow_not_locked: 409,
  roadshow_already_published: 409,
  roadshow_not_published: 404,
  room_double_booked: 409,
  judge_double_booked: 409,
  slot_longer_than_session: 400,
  session_end_before_start: 400,
  unknown_judge: 400,
  chair_not_judging: 400,
  session_in_use: 409,
  placement_clash: 409,
  slot_out_of_session: 400,
  unknown_check_in_code: 404,
  roadshow_input_invalid: 400,
  unavailable_end_before_start: 400,
  pitch_not_placed: 409,
});
