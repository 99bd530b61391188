// The engine's date helpers are public: see aimsgate/dates.h.
#pragma once

#include "aimsgate/dates.h"
