import { everyPageEveryRole, PHONE } from './pages-every-role';

everyPageEveryRole(PHONE);
