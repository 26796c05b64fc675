import { DESKTOP, everyPageEveryRole } from './pages-every-role';

everyPageEveryRole(DESKTOP);
