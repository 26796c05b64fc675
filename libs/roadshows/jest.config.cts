module.exports = {
  displayName: 'roadshows',
  preset: '../../jest.preset.js',
  coverageDirectory: '../../coverage/libs/roadshows',
};
