FROM
RUN <<EOF
apt-get install
﻿*
EOF