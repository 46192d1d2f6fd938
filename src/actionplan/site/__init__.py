"""`actionplan site`: the plans as a static website to publish (GitHub Pages, SharePoint, a
council's web server): an index of plans, a page per plan, per recommendation (with its history
from git) and per owner, every page a whole accessible HTML page with relative links only.

layout    where each page lives and the relative link from one page to another
pages     each page's title, breadcrumbs and blocks, from the reports (nothing drawn here)
store     site.json, the content hashes, and the one staged write of a build
build     a build: plan by plan, load, summarise, write its pages, drop it
"""
